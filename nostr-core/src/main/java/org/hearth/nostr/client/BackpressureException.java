package org.hearth.nostr.client;

/** Too many requests are waiting for the relay's answer; the bound is {@code maxPending}. */
public final class BackpressureException extends RelayClientException {
  public BackpressureException(String message) {
    super(message);
  }
}
