package org.hearth.nostr.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.RelayMessage;

/** An EVENT waiting for its OK; everyone who published the same id waits together. Loop only. */
final class PendingPublish {
  final Event event;
  final List<CompletableFuture<RelayMessage.Ok>> waiters = new ArrayList<>(1);
  ScheduledFuture<?> timer;
  boolean authRetried;

  PendingPublish(Event event) {
    this.event = event;
  }
}
