package org.hearth.relay.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.nostr.event.Event;
import org.hearth.relay.config.RelaySettings;

/**
 * {@link ReadAccess#canRead} for the live deliveries of one connection. A fan-out asks it once per
 * (event, subscriber), so the membership part, which keys of the connection hold an active grant
 * that reads the kind, is remembered per kind and reused while three things stay the same: the
 * grants ({@link Membership#version}: any grant, revocation or reload moves it, so a change takes
 * effect at the next delivery), the number of keys authenticated on the connection (keys are only
 * ever added), and the current second (grants expire at a second). Expiry of the event and
 * visibility (author, p-tagged party, members) are checked on every call, as in {@link
 * ReadAccess#canRead}. Safe to call from several threads (entries are immutable).
 */
public final class LiveReads {
  private record Readers(long version, int keys, long second, List<String> pubkeys) {}

  private final RelaySettings relay;
  private final Collection<String> authed;
  private final Membership membership;
  private final Map<Integer, Readers> byKind = new ConcurrentHashMap<>();

  LiveReads(RelaySettings relay, Collection<String> authed, Membership membership) {
    this.relay = relay;
    this.authed = authed;
    this.membership = membership;
  }

  /** The same answer as {@code ReadAccess.canRead(relay, authed, e, now)}. */
  public boolean canRead(Event e, long now) {
    if (ReadAccess.isExpired(e, now)) {
      return false;
    }
    for (String pk : readers(e.kind(), now)) {
      if (ReadAccess.visibleTo(relay, e, pk)) {
        return true;
      }
    }
    return false;
  }

  private List<String> readers(int kind, long now) {
    long version = membership.version(); // read before the grants: see Membership#version
    int keys = authed.size();
    Readers r = byKind.get(kind);
    if (r != null && r.version() == version && r.keys() == keys && r.second() == now) {
      return r.pubkeys();
    }
    List<String> out = new ArrayList<>(1);
    for (String pk : authed) {
      if (membership.mayRead(relay.path(), pk, kind, now)) {
        out.add(pk);
      }
    }
    byKind.put(kind, new Readers(version, keys, now, List.copyOf(out)));
    return out;
  }
}
