package org.hearth.relay.access;

import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.hearth.nostr.event.Event;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Visibility;

/**
 * THE read check. Every path that hands an event to a client (stored REQ results, id lookups,
 * search, COUNT, live delivery) asks {@link #canRead}. Queries also narrow in SQL ({@link
 * org.hearth.relay.storage.PrivacyClause}) so that limits count readable events, but this check is
 * authoritative.
 */
@ApplicationScoped
public class ReadAccess {
  private final Membership membership;

  public ReadAccess(Membership membership) {
    this.membership = membership;
  }

  /** {@link #canRead(RelaySettings, Collection, ReadableEvent, long)} of a parsed event. */
  public boolean canRead(RelaySettings relay, Collection<String> authed, Event e, long now) {
    return canRead(relay, authed, ReadableEvent.of(e), now);
  }

  /**
   * True when one of the keys authenticated on the connection may read {@code e}: it holds an
   * active grant that reads the kind, and the kind's visibility admits it (author, p-tagged party,
   * or any member). Expired events (NIP-40) are readable by nobody. The one rule for parsed events
   * (live delivery) and stored rows (REQ, COUNT) alike.
   */
  public boolean canRead(
      RelaySettings relay, Collection<String> authed, ReadableEvent e, long now) {
    if (authed.isEmpty() || isExpired(e.expiresAt(), now)) {
      return false;
    }
    for (String pk : authed) {
      if (membership.mayRead(relay.path(), pk, e.kind(), now) && visibleTo(relay, e, pk)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #canRead} for the live deliveries of one connection, remembering which of its keys may
   * read a kind (see {@link LiveReads}).
   */
  public LiveReads liveReads(RelaySettings relay, Collection<String> authed) {
    // the bean itself, not its client proxy: a fan-out asks for the version once per delivery
    return new LiveReads(relay, authed, ClientProxy.unwrap(membership));
  }

  /** The visibility part of {@link #canRead} for a key that may read {@code e}'s kind. */
  static boolean visibleTo(RelaySettings relay, ReadableEvent e, String pk) {
    return visibleTo(relay.visibilityOf(e.kind()), e, pk);
  }

  /** {@link #visibleTo(RelaySettings, ReadableEvent, String)} with the kind's visibility known. */
  static boolean visibleTo(Visibility visibility, ReadableEvent e, String pk) {
    return switch (visibility) {
      case MEMBERS -> true;
      case AUTHOR -> e.pubkey().equals(pk);
      case PARTIES -> e.pubkey().equals(pk) || e.tags(pk);
    };
  }

  /** NIP-40: an {@code expiration} tag at or before {@code now}. */
  public static boolean isExpired(Event e, long now) {
    return isExpired(expiration(e).orElse(null), now);
  }

  static boolean isExpired(Long expiresAt, long now) {
    return expiresAt != null && expiresAt <= now;
  }

  /** The NIP-40 expiration time, if the event carries a well-formed one. */
  public static java.util.Optional<Long> expiration(Event e) {
    return e.firstTagValue("expiration")
        .flatMap(
            v -> {
              try {
                return java.util.Optional.of(Long.parseLong(v.strip()));
              } catch (NumberFormatException ex) {
                return java.util.Optional.empty();
              }
            });
  }
}
