package org.hearth.relay.storage;

/** What storing one event did. */
public sealed interface StoreResult {

  /** Committed (and to be delivered live). */
  record Stored() implements StoreResult {}

  /** Already there, or superseded by a newer replaceable version: {@code OK true "duplicate:"}. */
  record Duplicate(String why) implements StoreResult {}

  /** Refused by storage rules (e.g. deleted by its author): {@code OK false "blocked:"}. */
  record Blocked(String why) implements StoreResult {}

  StoreResult STORED = new Stored();
}
