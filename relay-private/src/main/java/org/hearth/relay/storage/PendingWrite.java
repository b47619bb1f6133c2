package org.hearth.relay.storage;

import java.util.concurrent.CompletableFuture;
import org.hearth.nostr.event.Event;

/** One event waiting for its batch to commit. */
record PendingWrite(String relay, Event event, CompletableFuture<StoreResult> result) {

  /** {@code kind:pubkey:d} for replaceable and addressable events (d is '' for replaceable). */
  String address() {
    return event.kind() + ":" + event.pubkey() + ":" + replaceKey();
  }

  String replaceKey() {
    return switch (event.kindClass()) {
      case ADDRESSABLE -> event.dTag();
      default -> "";
    };
  }

  /** Regular and not a deletion request: may share the database with a concurrent batch. */
  boolean plain() {
    return !replaceable() && event.kind() != 5;
  }

  boolean replaceable() {
    return switch (event.kindClass()) {
      case REPLACEABLE, ADDRESSABLE -> true;
      default -> false;
    };
  }
}
