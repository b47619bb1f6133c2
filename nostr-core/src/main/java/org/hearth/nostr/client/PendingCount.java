package org.hearth.nostr.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.hearth.nostr.filter.Filter;

/** A NIP-45 COUNT waiting for its answer. Loop only. */
final class PendingCount {
  final String id;
  final List<Filter> filters;
  final CompletableFuture<Long> future;
  ScheduledFuture<?> timer;
  boolean authRetried;

  PendingCount(String id, List<Filter> filters, CompletableFuture<Long> future) {
    this.id = id;
    this.filters = List.copyOf(filters);
    this.future = future;
  }
}
