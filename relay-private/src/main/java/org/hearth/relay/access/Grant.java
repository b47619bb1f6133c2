package org.hearth.relay.access;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A role given to a key on one relay.
 *
 * @param readKinds kinds this grant may read; empty = every kind the role reads
 * @param writeKinds kinds this grant may write; empty = every kind the role writes
 * @param expiresAt unix seconds after which the grant no longer counts
 * @param revokedAt unix seconds at which it was revoked
 * @param source {@code config} (re-seeded at start) or who/what created it
 */
public record Grant(
    long id,
    String relay,
    String pubkey,
    Role role,
    Optional<Set<Integer>> readKinds,
    Optional<Set<Integer>> writeKinds,
    OptionalLong expiresAt,
    OptionalLong revokedAt,
    Optional<String> grantedBy,
    String source) {

  public Grant {
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(pubkey, "pubkey");
    Objects.requireNonNull(role, "role");
    readKinds = readKinds.map(Set::copyOf);
    writeKinds = writeKinds.map(Set::copyOf);
  }

  /** A grant of {@code role} for ever, on every kind. */
  public static Grant of(String relay, String pubkey, Role role, String source) {
    return new Grant(
        0,
        relay,
        pubkey,
        role,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        source);
  }

  public boolean activeAt(long now) {
    return revokedAt.isEmpty() && (expiresAt.isEmpty() || expiresAt.getAsLong() > now);
  }

  public boolean mayRead(int kind) {
    return role.reads() && readKinds.map(k -> k.contains(kind)).orElse(true);
  }

  public boolean mayWrite(int kind) {
    return role.writes() && writeKinds.map(k -> k.contains(kind)).orElse(true);
  }
}
