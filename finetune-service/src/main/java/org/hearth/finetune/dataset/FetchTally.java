package org.hearth.finetune.dataset;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearth.nostr.event.Event;

/**
 * What one build did with the events it fetched: every distinct event seen ends up either used (its
 * id listed under its kind) or skipped for one reason. Not thread-safe: one build, one thread.
 */
final class FetchTally {
  private final java.util.Set<String> seenIds = new java.util.HashSet<>();
  private final java.util.Set<String> droppedIds = new java.util.HashSet<>();
  private long dropped;
  private final Map<Integer, TreeSet<String>> used = new TreeMap<>();
  private final Map<String, SkipReason> skipped = new TreeMap<>();
  private final EnumMap<SkipReason, Long> skipCounts = new EnumMap<>(SkipReason.class);

  /** An event arrived with a valid signature; false when its id was seen before. */
  boolean seen(Event e) {
    return seenIds.add(e.id());
  }

  /** Marks an event used; it can no longer be skipped. */
  void use(Event e) {
    skipped.remove(e.id());
    used.computeIfAbsent(e.kind(), k -> new TreeSet<>()).add(e.id());
  }

  /** Skips an event (the first reason given wins). */
  void skip(Event e, SkipReason reason) {
    skip(e.id(), reason);
  }

  /** Skips an event known by id only (e.g. one with a bad signature). */
  void skip(String id, SkipReason reason) {
    skipped.putIfAbsent(id, reason);
  }

  /** Distinct valid events plus events dropped unread. */
  long seenCount() {
    return seenIds.size() + dropped;
  }

  /** Seen events neither used nor skipped yet (the builder accounts for all of them). */
  long unaccounted() {
    return seenIds.stream()
        .filter(id -> !skipped.containsKey(id))
        .filter(id -> used.values().stream().noneMatch(s -> s.contains(id)))
        .count();
  }

  /** Ids of used events by kind, each list sorted. */
  Map<Integer, TreeSet<String>> usedIds() {
    return used;
  }

  long usedCount() {
    return used.values().stream().mapToLong(TreeSet::size).sum();
  }

  /** Skipped events by reason, every reason present (zero when none). */
  Map<SkipReason, Long> skippedCounts() {
    EnumMap<SkipReason, Long> out = new EnumMap<>(SkipReason.class);
    for (SkipReason r : SkipReason.values()) {
      out.put(r, 0L);
    }
    skipped.values().forEach(r -> out.merge(r, 1L, Long::sum));
    skipCounts.forEach((r, n) -> out.merge(r, n, Long::sum));
    return out;
  }

  /** Counts an event dropped before it could be trusted (a bad signature), once per claimed id. */
  void dropped(String rawId, SkipReason reason) {
    if (droppedIds.add(rawId)) {
      dropped++;
      skipCounts.merge(reason, 1L, Long::sum);
    }
  }
}
