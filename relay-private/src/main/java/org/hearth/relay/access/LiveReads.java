package org.hearth.relay.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.nostr.event.Event;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Visibility;

/**
 * {@link ReadAccess#canRead} for the live deliveries of one connection. A fan-out asks it once per
 * (event, subscriber), so the membership part, which keys of the connection hold an active grant
 * that reads the kind, is remembered per kind and reused while three things stay the same: the
 * grants ({@link Membership#version}: any grant, revocation or reload moves it, so a change takes
 * effect at the next delivery), the number of keys authenticated on the connection (keys are only
 * ever added), and the time before the first of their active grants expires ({@link
 * Membership#nextExpiry}). Expiry of the event and visibility (author, p-tagged party, members) are
 * checked on every call, as in {@link ReadAccess#canRead}. Safe to call from several threads
 * (entries are immutable).
 */
public final class LiveReads {
  private record Readers(
      int kind, long version, int keys, long until, List<String> pubkeys, Visibility visibility) {
    boolean holds(int kind, long version, int keys, long now) {
      return this.kind == kind && this.version == version && this.keys == keys && now < until;
    }
  }

  private final RelaySettings relay;
  private final Collection<String> authed;
  private final Membership membership;
  private final Map<Integer, Readers> byKind = new ConcurrentHashMap<>();

  /** The entry used last (a fan-out usually asks about one kind many times in a row). */
  private volatile Readers last;

  LiveReads(RelaySettings relay, Collection<String> authed, Membership membership) {
    this.relay = relay;
    this.authed = authed;
    this.membership = membership;
  }

  /** The same answer as {@code ReadAccess.canRead(relay, authed, e, now)}. */
  public boolean canRead(Event e, long now) {
    return canRead(ReadableEvent.of(e), now);
  }

  /**
   * {@link #canRead(Event, long)} of an event whose expiration was read once for all subscribers
   * ({@link ReadableEvent#of}).
   */
  public boolean canRead(ReadableEvent e, long now) {
    if (ReadAccess.isExpired(e.expiresAt(), now)) {
      return false;
    }
    Readers r = readers(e.kind(), now);
    for (String pk : r.pubkeys()) {
      if (ReadAccess.visibleTo(r.visibility(), e, pk)) {
        return true;
      }
    }
    return false;
  }

  private Readers readers(int kind, long now) {
    long version = membership.version(); // read before the grants: see Membership#version
    int keys = authed.size();
    Readers r = last;
    if (r != null && r.holds(kind, version, keys, now)) {
      return r;
    }
    r = byKind.get(kind);
    if (r == null || !r.holds(kind, version, keys, now)) {
      List<String> out = new ArrayList<>(1);
      long until = Long.MAX_VALUE;
      for (String pk : authed) {
        if (membership.mayRead(relay.path(), pk, kind, now)) {
          out.add(pk);
        }
        until = Math.min(until, membership.nextExpiry(relay.path(), pk, now));
      }
      r = new Readers(kind, version, keys, until, List.copyOf(out), relay.visibilityOf(kind));
      byKind.put(kind, r);
    }
    last = r;
    return r;
  }
}
