package org.hearth.assistant.dm;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.nostr.event.Event;
import org.jboss.logging.Logger;

/**
 * Who may talk to each assistant: the people on the relay's NIP-43 member list (kind 13534, signed
 * by the relay's own key from its NIP-11 {@code self}) when the relay publishes one, else the
 * configured members. Admins are always members. A {@code member} tag counts when it names no role
 * or one of the people roles (owner, admin, member): keys the relay lists as services or readers
 * (other assistants, Hearth services) are not people the assistant serves.
 */
@ApplicationScoped
public class MembershipService {
  public static final int KIND_MEMBER_LIST = 13534;
  private static final Set<String> PEOPLE_ROLES = Set.of("owner", "admin", "member");
  private static final Set<String> ADMIN_ROLES = Set.of("owner", "admin");
  private static final Logger LOG = Logger.getLogger(MembershipService.class);

  private record Roster(
      Optional<String> relaySelf, long createdAt, Set<String> members, Set<String> admins) {}

  private final Map<String, Roster> rosters = new ConcurrentHashMap<>();

  /** The relay's own pubkey (NIP-11 {@code self}); only lists signed by it are trusted. */
  public void relaySelf(String relay, String pubkeyHex) {
    rosters.compute(
        relay,
        (k, r) ->
            r == null || !r.relaySelf().equals(Optional.of(pubkeyHex))
                ? new Roster(Optional.of(pubkeyHex), -1, Set.of(), Set.of())
                : r);
  }

  /** Offers a kind-13534 event; returns true when it became the relay's member list. */
  public boolean offer(String relay, Event e) {
    if (e.kind() != KIND_MEMBER_LIST || !e.verify()) {
      return false;
    }
    Roster current = rosters.get(relay);
    if (current == null || current.relaySelf().isEmpty()) {
      LOG.debugf("[%s] member list ignored: the relay's own key is not known", relay);
      return false;
    }
    if (!current.relaySelf().get().equals(e.pubkey())) {
      LOG.warnf("[%s] member list signed by %s, not by the relay: ignored", relay, e.pubkey());
      return false;
    }
    if (e.createdAt() <= current.createdAt()) {
      return false;
    }
    Set<String> members = new HashSet<>();
    Set<String> admins = new HashSet<>();
    for (List<String> tag : e.tags()) {
      if (tag.size() >= 2 && tag.get(0).equals("member") && isPerson(tag)) {
        members.add(tag.get(1));
        if (tag.subList(2, tag.size()).stream().anyMatch(ADMIN_ROLES::contains)) {
          admins.add(tag.get(1));
        }
      }
    }
    rosters.put(
        relay,
        new Roster(current.relaySelf(), e.createdAt(), Set.copyOf(members), Set.copyOf(admins)));
    LOG.infof("[%s] member list updated: %d members", relay, members.size());
    return true;
  }

  private static boolean isPerson(List<String> memberTag) {
    if (memberTag.size() == 2) {
      return true;
    }
    for (String role : memberTag.subList(2, memberTag.size())) {
      if (PEOPLE_ROLES.contains(role)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code pubkeyHex} may use this scope's assistant. */
  public boolean isMember(ScopeSettings scope, String pubkeyHex) {
    if (scope.admins().contains(pubkeyHex)) {
      return true;
    }
    Roster r = rosters.get(scope.relay());
    if (r != null && r.createdAt() >= 0) {
      return r.members().contains(pubkeyHex);
    }
    return scope.configuredMembers().contains(pubkeyHex);
  }

  /**
   * True when {@code pubkeyHex} administers this scope: a configured admin, or an owner or admin on
   * the relay's NIP-43 member list.
   */
  public boolean isAdmin(ScopeSettings scope, String pubkeyHex) {
    if (scope.admins().contains(pubkeyHex)) {
      return true;
    }
    Roster r = rosters.get(scope.relay());
    return r != null && r.createdAt() >= 0 && r.admins().contains(pubkeyHex);
  }

  /** True when the relay's NIP-43 list is in use (rather than the configured members). */
  public boolean usesRelayList(String relay) {
    Roster r = rosters.get(relay);
    return r != null && r.createdAt() >= 0;
  }
}
