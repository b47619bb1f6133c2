package org.hearth.finetune.relay;

/** Event kinds of the fine-tune wire contract (docs/finetune-protocol.md). */
public final class JobKinds {
  /** Job request (NIP-90 style). */
  public static final int REQUEST = 5970;

  /** Job feedback (NIP-90). */
  public static final int FEEDBACK = 7000;

  /** Job result. */
  public static final int RESULT = 6970;

  private JobKinds() {}
}
