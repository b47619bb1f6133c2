package org.hearth.nostr.client;

/**
 * NIP-42 authentication failed: no signer is configured, the relay never sent a challenge, or it
 * rejected the AUTH event (the relay's OK message is kept).
 */
public final class AuthFailedException extends RelayClientException {
  public AuthFailedException(String message) {
    super(message);
  }
}
