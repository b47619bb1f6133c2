package org.hearth.relay.access;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Relays;
import org.jboss.logging.Logger;

/**
 * Who holds which grants, per relay: persisted by {@link GrantRepository}, cached here for the hot
 * path. The cache is replaced as a whole on every change, so readers never see a half update.
 */
@ApplicationScoped
public class Membership {
  private static final Logger LOG = Logger.getLogger(Membership.class);
  private final GrantRepository repository;
  private final Relays relays;
  private volatile Map<String, Map<String, List<Grant>>> grants = Map.of();

  /** Bumped after every reload (every grant and revocation), for caches of decisions. */
  private final AtomicLong version = new AtomicLong();

  public Membership(GrantRepository repository, Relays relays) {
    this.repository = repository;
    this.relays = relays;
  }

  /** Seeds configuration grants and loads the cache before the first connection. */
  void onStart(@Observes @Priority(10) StartupEvent event) {
    seedFromConfig().await().atMost(Duration.ofSeconds(60));
  }

  Uni<Void> seedFromConfig() {
    List<Grant> seed = new ArrayList<>();
    for (RelaySettings r : relays.all()) {
      seed.add(Grant.of(r.path(), r.owner().hex(), Role.OWNER, GrantRepository.CONFIG_SOURCE));
      for (PublicKey k : r.members()) {
        seed.add(Grant.of(r.path(), k.hex(), Role.MEMBER, GrantRepository.CONFIG_SOURCE));
      }
      for (PublicKey k : r.services()) {
        seed.add(Grant.of(r.path(), k.hex(), Role.SERVICE, GrantRepository.CONFIG_SOURCE));
      }
    }
    return repository
        .replaceConfigGrants(seed, now())
        .chain(this::reload)
        .invoke(() -> LOG.infof("Membership seeded: %d configured grants", seed.size()));
  }

  /** Reloads every grant from PostgreSQL. */
  public Uni<Void> reload() {
    return repository
        .loadActive()
        .invoke(
            list -> {
              Map<String, Map<String, List<Grant>>> next = new HashMap<>();
              for (Grant g : list) {
                next.computeIfAbsent(g.relay(), r -> new HashMap<>())
                    .computeIfAbsent(g.pubkey(), p -> new ArrayList<>())
                    .add(g);
              }
              grants = next;
              version.incrementAndGet();
            })
        .replaceWithVoid();
  }

  /** Adds a grant and refreshes the cache. */
  public Uni<Void> grant(Grant grant) {
    return repository.insert(grant, now()).chain(this::reload);
  }

  /** Revokes every grant of {@code pubkey} on {@code relay} and refreshes the cache. */
  public Uni<Void> revoke(String relay, String pubkey) {
    return repository.revoke(relay, pubkey, now()).chain(this::reload);
  }

  /** The grants of {@code pubkey} on {@code relay} that count at {@code now}. */
  public List<Grant> activeGrants(String relay, String pubkey, long now) {
    List<Grant> all = grants.getOrDefault(relay, Map.of()).getOrDefault(pubkey, List.of());
    List<Grant> out = new ArrayList<>(all.size());
    for (Grant g : all) {
      if (g.activeAt(now)) {
        out.add(g);
      }
    }
    return out;
  }

  /** True when {@code pubkey} holds any active grant on {@code relay}. */
  public boolean isMember(String relay, String pubkey, long now) {
    return !activeGrants(relay, pubkey, now).isEmpty();
  }

  /**
   * Changes whenever the grants change. A decision computed from {@link #mayRead} after reading
   * version {@code v} holds as long as {@code version()} still returns {@code v} (the grants are
   * replaced before the version moves, so a decision is never newer than its version says).
   */
  public long version() {
    return version.get();
  }

  /** Runs for every live delivery: reads the cache without copying the grant list. */
  public boolean mayRead(String relay, String pubkey, int kind, long now) {
    for (Grant g : grants.getOrDefault(relay, Map.of()).getOrDefault(pubkey, List.of())) {
      if (g.activeAt(now) && g.mayRead(kind)) {
        return true;
      }
    }
    return false;
  }

  /**
   * When the first of {@code pubkey}'s grants on {@code relay} that are active at {@code now} will
   * expire ({@link Long#MAX_VALUE}: none will). Until then, or until the grants change ({@link
   * #version}), what the key may read stays as it is at {@code now}: an inactive grant never turns
   * active again.
   */
  public long nextExpiry(String relay, String pubkey, long now) {
    long next = Long.MAX_VALUE;
    for (Grant g : grants.getOrDefault(relay, Map.of()).getOrDefault(pubkey, List.of())) {
      if (g.activeAt(now) && g.expiresAt().isPresent()) {
        next = Math.min(next, g.expiresAt().getAsLong());
      }
    }
    return next;
  }

  public boolean mayWrite(String relay, String pubkey, int kind, long now) {
    for (Grant g : activeGrants(relay, pubkey, now)) {
      if (g.mayWrite(kind)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code pubkey} holds an active grant of one of {@code roles} that may write {@code
   * kind} on {@code relay}.
   */
  public boolean writesAs(String relay, String pubkey, int kind, Set<Role> roles, long now) {
    for (Grant g : activeGrants(relay, pubkey, now)) {
      if (roles.contains(g.role()) && g.mayWrite(kind)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code pubkey} may read something on {@code relay}. */
  public boolean readsAnything(String relay, String pubkey, long now) {
    for (Grant g : activeGrants(relay, pubkey, now)) {
      if (g.role().reads()) {
        return true;
      }
    }
    return false;
  }

  static long now() {
    return Instant.now().getEpochSecond();
  }
}
