package org.hearth.nostr.message;

/**
 * Strict codec for the NIP-01 wire messages in both directions. Decoding throws {@link
 * org.hearth.nostr.DecodeException} whose message says precisely what is wrong.
 */
public final class MessageCodec {
  private MessageCodec() {}

  public static ClientMessage decodeClient(String frame) {
    throw new UnsupportedOperationException("being written (core helper A)");
  }

  public static RelayMessage decodeRelay(String frame) {
    throw new UnsupportedOperationException("being written (core helper A)");
  }

  public static String encode(ClientMessage message) {
    throw new UnsupportedOperationException("being written (core helper A)");
  }

  public static String encode(RelayMessage message) {
    throw new UnsupportedOperationException("being written (core helper A)");
  }
}
