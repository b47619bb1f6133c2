package org.hearth.relay.admin;

/** A management call refused for a reason the caller should read (the NIP-86 {@code error}). */
public class AdminRefusal extends RuntimeException {
  public AdminRefusal(String message) {
    super(message, null, false, false);
  }
}
