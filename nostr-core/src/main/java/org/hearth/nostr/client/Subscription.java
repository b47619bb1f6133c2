package org.hearth.nostr.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hearth.nostr.filter.Filter;

/** An open REQ. {@link #close()} sends CLOSE and stops deliveries; idempotent. */
public interface Subscription extends AutoCloseable {
  String id();

  List<Filter> filters();

  /**
   * Completes after {@link SubscriptionListener#onEose()} ran; fails with {@link
   * RelayTimeoutException} when no EOSE came within the EOSE timeout (the subscription stays open
   * for live events), or with {@link RequestClosedException} when the relay closed it first.
   */
  CompletableFuture<Void> eose();

  /** False once closed by the client, by the relay, or by overflow. */
  boolean isOpen();

  @Override
  void close();
}
