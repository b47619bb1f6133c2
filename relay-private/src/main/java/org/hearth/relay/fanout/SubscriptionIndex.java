package org.hearth.relay.fanout;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;

/**
 * Live subscriptions indexed by their most selective condition (id, else author, else one
 * single-letter tag, else kind, else "any"), so a new event is matched against the few
 * subscriptions that could want it instead of all of them.
 */
@ApplicationScoped
public class SubscriptionIndex {
  private final Map<String, Set<LiveSubscription>> index = new ConcurrentHashMap<>();

  public void add(LiveSubscription s) {
    for (String key : keys(s)) {
      index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(s);
    }
  }

  public void remove(LiveSubscription s) {
    s.close();
    for (String key : keys(s)) {
      index.computeIfPresent(
          key,
          (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
          });
    }
  }

  /** Number of index entries (for tests and metrics). */
  public int size() {
    return index.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * Hands {@code e} to every live subscription on {@code relay} whose filters match. The event's
   * JSON is encoded at most once for all of them ({@link OutgoingEvent}), and the connections'
   * event loops get one task each for the whole event ({@link DeliveryBatch}).
   */
  public void dispatch(String relay, Event e) {
    List<Set<LiveSubscription>> hits = new ArrayList<>(4);
    collect(hits, key(relay, "i", e.id()));
    collect(hits, key(relay, "a", e.pubkey()));
    collect(hits, key(relay, "k", Integer.toString(e.kind())));
    for (List<String> tag : e.tags()) {
      if (tag.size() >= 2 && tag.get(0).length() == 1) {
        collect(hits, key(relay, "t" + tag.get(0), tag.get(1)));
      }
    }
    collect(hits, key(relay, "*", ""));
    if (hits.isEmpty()) {
      return;
    }
    OutgoingEvent out = new OutgoingEvent(e);
    DeliveryBatch batch = new DeliveryBatch();
    if (hits.size() == 1) {
      for (LiveSubscription s : hits.get(0)) {
        offer(s, out, batch);
      }
    } else {
      Set<LiveSubscription> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Set<LiveSubscription> set : hits) {
        for (LiveSubscription s : set) {
          if (seen.add(s)) {
            offer(s, out, batch);
          }
        }
      }
    }
    batch.run();
  }

  private static void offer(LiveSubscription s, OutgoingEvent out, DeliveryBatch batch) {
    if (s.matches(out.event()) && s.offer(out.event())) {
      s.subscriber().deliverLive(s, out, batch);
    }
  }

  private void collect(List<Set<LiveSubscription>> out, String key) {
    Set<LiveSubscription> set = index.get(key);
    if (set != null) {
      out.add(set);
    }
  }

  /** One key per filter value of its most selective indexed condition. */
  static List<String> keys(LiveSubscription s) {
    String relay = s.subscriber().relay();
    List<String> out = new ArrayList<>();
    for (Filter f : s.filters()) {
      Map.Entry<String, Set<String>> tag = narrowestTag(f);
      if (f.ids() != null) {
        f.ids().forEach(id -> out.add(key(relay, "i", id)));
      } else if (f.authors() != null) {
        f.authors().forEach(a -> out.add(key(relay, "a", a)));
      } else if (tag != null) {
        tag.getValue().forEach(v -> out.add(key(relay, "t" + tag.getKey(), v)));
      } else if (f.kinds() != null) {
        f.kinds().forEach(k -> out.add(key(relay, "k", Integer.toString(k))));
      } else {
        out.add(key(relay, "*", ""));
      }
    }
    return out;
  }

  /** The single-letter tag condition with the fewest values (events index only those), or null. */
  private static Map.Entry<String, Set<String>> narrowestTag(Filter f) {
    Map.Entry<String, Set<String>> best = null;
    for (Map.Entry<String, Set<String>> t : f.tags().entrySet()) {
      if (t.getKey().length() == 1
          && !t.getValue().isEmpty()
          && (best == null || t.getValue().size() < best.getValue().size())) {
        best = t;
      }
    }
    return best;
  }

  private static String key(String relay, String type, String value) {
    return relay + '\u0000' + type + '\u0000' + value;
  }
}
