package org.hearth.assistant.dm;

import org.hearth.nostr.crypto.PublicKey;

/**
 * A decrypted direct message. {@code text} is plaintext: never log it.
 *
 * @param messageId the rumor id (NIP-17) or event id (NIP-04): the de-duplication key
 * @param sender the real sender: the seal's signer (NIP-17) or the event's author (NIP-04)
 */
public record IncomingDm(DmProtocol protocol, String messageId, PublicKey sender, String text) {
  @Override
  public String toString() {
    return "IncomingDm[" + protocol + ", " + messageId + ", from " + sender + ", text redacted]";
  }
}
