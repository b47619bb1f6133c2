package org.hearth.nostr.nip98;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the signatures of accepted NIP-98 events so a captured Authorization header cannot be
 * replayed within the verifier's window. Entries are kept until their created_at has left the
 * window (plus the window again, for clocks that run ahead); memory is bounded by the request rate
 * times that span. Thread-safe; one instance per server (not shared across replicas).
 *
 * <p>Keyed by signature, not by id: the same request signed twice within one second by the same key
 * is the same event id, yet a legitimate second request (a client repeating a call, two identical
 * job submissions), signed with fresh auxiliary randomness; presenting the same signed event again
 * is the replay. BIP-340 signatures are not malleable, so a captured header cannot be turned into
 * another valid signature of the same event.
 */
public final class ReplayGuard {
  private final long keepSeconds;
  private final Clock clock;
  private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
  private long nextPurge;

  /**
   * @param window the same window the {@link HttpAuthVerifier} uses
   */
  public ReplayGuard(Duration window, Clock clock) {
    this.keepSeconds = 2 * window.toSeconds() + 1;
    this.clock = clock;
  }

  /** True the first time this accepted event is presented; false for a replay. */
  public boolean firstUse(HttpAuthResult.Ok ok) {
    long now = clock.instant().getEpochSecond();
    purge(now);
    return seen.putIfAbsent(ok.sig(), ok.createdAt()) == null;
  }

  /** How many signatures are remembered right now. */
  public int size() {
    return seen.size();
  }

  private void purge(long now) {
    synchronized (this) {
      if (now < nextPurge) {
        return;
      }
      nextPurge = now + 1;
    }
    seen.values().removeIf(createdAt -> createdAt < now - keepSeconds);
  }
}
