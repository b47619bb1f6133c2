package org.hearth.nostr.client;

/** Told about every connection state change, in order, on the callback executor. */
@FunctionalInterface
public interface StateListener {
  void onStateChange(ConnectionState from, ConnectionState to);
}
