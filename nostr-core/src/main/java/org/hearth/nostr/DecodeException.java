package org.hearth.nostr;

/** Input (JSON, hex, bech32, ciphertext, wire message) could not be decoded. */
public class DecodeException extends NostrException {
  public DecodeException(String message) {
    super(message);
  }

  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
