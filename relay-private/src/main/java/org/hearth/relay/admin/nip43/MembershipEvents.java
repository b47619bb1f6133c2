package org.hearth.relay.admin.nip43;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.relay.access.Grant;
import org.hearth.relay.admin.Members;
import org.hearth.relay.admin.RelayIdentity;
import org.hearth.relay.admin.RoleStore;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Relays;
import org.hearth.relay.fanout.FanoutBus;
import org.hearth.relay.fanout.FanoutEvent;
import org.hearth.relay.storage.GroupCommitter;
import org.jboss.logging.Logger;

/**
 * NIP-43 events signed by the relay's own key and stored in the relay itself, so members and
 * services read them like any event: the member list (kind 13534, one {@code member} tag per key
 * with its roles), and add/remove notices (kinds 8000/8001). All carry the NIP-70 {@code -} tag.
 */
@ApplicationScoped
public class MembershipEvents {
  private static final Logger LOG = Logger.getLogger(MembershipEvents.class);
  public static final int MEMBER_LIST = 13534;
  public static final int ADD_USER = 8000;
  public static final int REMOVE_USER = 8001;
  public static final int ROLE = 33534;
  private static final int DELETION = 5;

  private final Members members;
  private final RoleStore roles;
  private final RelayIdentity identity;
  private final GroupCommitter committer;
  private final FanoutBus fanout;
  private final Relays relays;
  private final Map<String, Long> lastListAt = new ConcurrentHashMap<>();

  public MembershipEvents(
      Members members,
      RoleStore roles,
      RelayIdentity identity,
      GroupCommitter committer,
      FanoutBus fanout,
      Relays relays) {
    this.relays = relays;
    this.members = members;
    this.roles = roles;
    this.identity = identity;
    this.committer = committer;
    this.fanout = fanout;
  }

  /** Publishes every relay's member list once at start (after configured grants are seeded). */
  void onStart(@Observes @Priority(50) StartupEvent event) {
    long now = Instant.now().getEpochSecond();
    for (RelaySettings r : relays.all()) {
      publishList(r.path(), now)
          .subscribe()
          .with(
              e -> {},
              err -> LOG.warnf("could not publish the member list of /%s: %s", r.path(), err));
    }
  }

  /** Signs and stores the current member list of {@code relay}; returns it. */
  public Uni<Event> publishList(String relay, long now) {
    return members
        .active(relay, now)
        .chain(
            active ->
                roles
                    .holders(relay)
                    .map(
                        custom -> {
                          List<List<String>> tags = new ArrayList<>();
                          tags.add(List.of("-"));
                          active.forEach(
                              (pk, grants) -> {
                                List<String> tag = new ArrayList<>(List.of("member", pk));
                                grants.stream()
                                    .map(Grant::role)
                                    .distinct()
                                    .forEach(r -> tag.add(r.key()));
                                tag.addAll(custom.getOrDefault(pk, List.of()));
                                tags.add(tag);
                              });
                          return identity.sign(
                              new EventTemplate(MEMBER_LIST, tags, "", nextListTime(relay, now)));
                        }))
        .call(e -> store(relay, e));
  }

  /** A 8000 (added) or 8001 (removed) notice for {@code pubkey}, then the fresh list. */
  public Uni<Void> announce(String relay, String pubkey, boolean added, long now) {
    Event notice =
        identity.sign(
            new EventTemplate(
                added ? ADD_USER : REMOVE_USER,
                List.of(List.of("-"), List.of("p", pubkey)),
                "",
                now));
    return store(relay, notice).chain(() -> publishList(relay, now)).replaceWithVoid();
  }

  /** Signs and stores a NIP-43 role definition (kind 33534, {@code d} = the role id). */
  public Uni<Void> publishRole(String relay, RoleStore.CustomRole r, long now) {
    List<List<String>> tags = new ArrayList<>();
    tags.add(List.of("-"));
    tags.add(List.of("d", r.id()));
    r.label().ifPresent(v -> tags.add(List.of("label", v)));
    r.description().ifPresent(v -> tags.add(List.of("description", v)));
    r.color().ifPresent(v -> tags.add(List.of("color", v)));
    r.order().ifPresent(v -> tags.add(List.of("order", String.valueOf(v))));
    return store(relay, identity.sign(new EventTemplate(ROLE, tags, "", nextListTime(relay, now))));
  }

  /** A NIP-09 deletion of a role definition, signed by the relay key like the definition. */
  public Uni<Void> deleteRole(String relay, String id, long now) {
    String address = ROLE + ":" + identity.publicKey().hex() + ":" + id;
    return store(
        relay,
        identity.sign(
            new EventTemplate(
                DELETION, List.of(List.of("a", address)), "", nextListTime(relay, now))));
  }

  /** Replaceable events with equal created_at keep the lowest id: never reuse a second. */
  private long nextListTime(String relay, long now) {
    return lastListAt.merge(relay, now, (old, n) -> Math.max(old + 1, n));
  }

  private Uni<Void> store(String relay, Event e) {
    return committer
        .store(relay, e)
        .invoke(r -> fanout.publish(new FanoutEvent(relay, e)))
        .replaceWithVoid();
  }
}
