package org.hearth.nostr.client;

/** Where a {@link RelayClient}'s connection is. */
public enum ConnectionState {
  /** Built, {@link RelayClient#connect()} not called yet. */
  NEW,
  /** Opening the websocket. */
  CONNECTING,
  /** The websocket is open. */
  CONNECTED,
  /** The connection was lost or could not be opened; waiting for the next attempt. */
  BACKING_OFF,
  /** {@link RelayClient#close()} was called. Terminal. */
  CLOSED
}
