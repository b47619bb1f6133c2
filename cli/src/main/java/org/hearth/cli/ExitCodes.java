package org.hearth.cli;

/** Process exit codes of {@code hearth}. */
public final class ExitCodes {
  public static final int OK = 0;

  /** The relay or service refused the call (not allowed, bad parameter, unknown method). */
  public static final int REFUSED = 1;

  /** Wrong command line (picocli's own code). */
  public static final int USAGE = 2;

  /** The relay or service could not be reached, failed, or answered nonsense. */
  public static final int UNREACHABLE = 3;

  /** The key file is missing, unreadable, unsafe or not a key. */
  public static final int KEY_FILE = 4;

  /** A followed fine-tune job ended FAILED or CANCELLED. */
  public static final int JOB_FAILED = 5;

  private ExitCodes() {}
}
