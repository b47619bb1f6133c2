package org.hearth.nostr.client;

import java.util.Optional;
import org.hearth.nostr.message.Prefix;

/** The relay ended a REQ or COUNT with CLOSED; {@link #relayMessage()} is what it said. */
public final class RequestClosedException extends RelayClientException {
  private final String subscriptionId;
  private final String relayMessage;

  public RequestClosedException(String subscriptionId, String relayMessage) {
    super("relay closed " + subscriptionId + ": " + relayMessage);
    this.subscriptionId = subscriptionId;
    this.relayMessage = relayMessage;
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  public String relayMessage() {
    return relayMessage;
  }

  /** The machine-readable prefix of the relay's message, if any. */
  public Optional<Prefix> prefix() {
    return Prefix.of(relayMessage);
  }
}
