package org.hearth.nostr.client;

/** The websocket could not be opened, or was lost while a request needed it. */
public final class RelayConnectException extends RelayClientException {
  public RelayConnectException(String message, Throwable cause) {
    super(message, cause);
  }
}
