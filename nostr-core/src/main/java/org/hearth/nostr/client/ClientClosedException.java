package org.hearth.nostr.client;

/** The client was closed before the operation completed, or used after close. */
public final class ClientClosedException extends RelayClientException {
  public ClientClosedException(String message) {
    super(message);
  }
}
