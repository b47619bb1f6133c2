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
 * Live subscriptions indexed by their most selective condition (id, else author, else kind, else
 * one tag, else "any"), so a new event is matched against the few subscriptions that could want it
 * instead of all of them.
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

  /** Hands {@code e} to every live subscription on {@code relay} whose filters match. */
  public void dispatch(String relay, Event e) {
    Set<LiveSubscription> candidates = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(candidates, key(relay, "i", e.id()));
    collect(candidates, key(relay, "a", e.pubkey()));
    collect(candidates, key(relay, "k", Integer.toString(e.kind())));
    for (List<String> tag : e.tags()) {
      if (tag.size() >= 2 && tag.get(0).length() == 1) {
        collect(candidates, key(relay, "t" + tag.get(0), tag.get(1)));
      }
    }
    collect(candidates, key(relay, "*", ""));
    for (LiveSubscription s : candidates) {
      if (s.matches(e) && s.offer(e)) {
        s.subscriber().deliverLive(s, e);
      }
    }
  }

  private void collect(Set<LiveSubscription> out, String key) {
    Set<LiveSubscription> set = index.get(key);
    if (set != null) {
      out.addAll(set);
    }
  }

  private static List<String> keys(LiveSubscription s) {
    String relay = s.subscriber().relay();
    List<String> out = new ArrayList<>();
    for (Filter f : s.filters()) {
      if (f.ids() != null) {
        f.ids().forEach(id -> out.add(key(relay, "i", id)));
      } else if (f.authors() != null) {
        f.authors().forEach(a -> out.add(key(relay, "a", a)));
      } else if (f.kinds() != null) {
        f.kinds().forEach(k -> out.add(key(relay, "k", Integer.toString(k))));
      } else if (!f.tags().isEmpty()) {
        Map.Entry<String, Set<String>> t = f.tags().entrySet().iterator().next();
        t.getValue().forEach(v -> out.add(key(relay, "t" + t.getKey(), v)));
      } else {
        out.add(key(relay, "*", ""));
      }
    }
    return out;
  }

  private static String key(String relay, String type, String value) {
    return relay + '\u0000' + type + '\u0000' + value;
  }
}
