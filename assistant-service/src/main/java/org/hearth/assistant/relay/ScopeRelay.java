package org.hearth.assistant.relay;

import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.RelayMessage;

/** One assistant's connection to its relay, as features other than DMs use it. */
public interface ScopeRelay {
  /** The assistant's key on this relay. */
  Signer signer();

  /**
   * Publishes an event and waits for the relay's answer; a timeout or a closed connection is an
   * {@code OK false} with the reason.
   */
  RelayMessage.Ok publish(Event event);

  /** The relay's largest accepted message in bytes (NIP-11), when it says so. */
  java.util.OptionalInt maxMessageBytes();
}
