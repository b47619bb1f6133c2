package org.hearth.nostr;

/**
 * Root of the small exception family that nostr-core throws. Messages say precisely what is wrong.
 */
public class NostrException extends RuntimeException {
  public NostrException(String message) {
    super(message);
  }

  public NostrException(String message, Throwable cause) {
    super(message, cause);
  }
}
