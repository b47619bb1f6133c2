package org.hearth.nostr.client;

import java.time.Duration;

/** The relay did not answer (OK, EOSE, COUNT, AUTH, connect) within the configured time. */
public final class RelayTimeoutException extends RelayClientException {
  private final Duration after;

  public RelayTimeoutException(String what, Duration after) {
    super(what + " within " + after.toMillis() + " ms");
    this.after = after;
  }

  /** The timeout that elapsed. */
  public Duration after() {
    return after;
  }
}
