package org.hearth.relay.admin;

/**
 * What a handler answered: the NIP-86 {@code result} and whether state changed (for the audit log).
 */
public record AdminResult(Object result, boolean change) {
  public static AdminResult done() {
    return new AdminResult(true, true);
  }

  public static AdminResult unchanged() {
    return new AdminResult(true, false);
  }

  public static AdminResult read(Object result) {
    return new AdminResult(result, false);
  }
}
