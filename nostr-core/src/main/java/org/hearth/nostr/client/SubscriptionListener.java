package org.hearth.nostr.client;

import org.hearth.nostr.event.Event;

/**
 * Receives one subscription's traffic, in order, on the callback executor (never on the websocket
 * thread). Events before {@link #onEose()} are stored events; events after it are live. Each event
 * id is delivered at most once per subscription, also across reconnects.
 */
@FunctionalInterface
public interface SubscriptionListener {
  void onEvent(Event event);

  /** End of stored events. Called at most once, even if a reconnect resubscribes. */
  default void onEose() {}

  /**
   * The subscription ended without the client asking: the relay sent CLOSED (the message keeps its
   * prefix, e.g. {@code "auth-required: ..."} once the one authentication retry is used up), its
   * callback queue overflowed, or the client was closed. Not called after {@link
   * Subscription#close()}.
   */
  default void onClosed(String message) {}
}
