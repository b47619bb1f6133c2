package org.hearth.nostr.nip86;

import java.util.Optional;

/**
 * Hearth's additions to the NIP-86 method set, served on the same endpoint with the same NIP-98
 * authorization (documented in docs/admin.md). NIP-86 has no members-with-roles listing, invites,
 * audit log or stats; these fill that gap so the CLI and the admin page need nothing private.
 */
public enum HearthMethod implements RpcMethod {
  /** {@code []} → {@code [{pubkey, role, read_kinds, write_kinds, expires_at, granted_by}]}. */
  LIST_MEMBERS("listmembers", 0, 0),
  /**
   * {@code [pubkey, role, {read_kinds?, write_kinds?, expires_at?}]} → {@code true}: a grant
   * narrowed to kinds and/or expiring (service keys).
   */
  GRANT_ROLE("grantrole", 2, 3),
  /** {@code []} → {@code [{id, label, description, color, order, builtin}]}. */
  LIST_ROLES("listroles", 0, 0),
  /** {@code [role?, expires_in_seconds?]} → {@code {code, role, expires_at}}. */
  CREATE_INVITE("createinvite", 0, 2),
  /** {@code [code]} → {@code true}. */
  REVOKE_INVITE("revokeinvite", 1, 1),
  /** {@code []} → {@code [{code, role, expires_at, created_by, revoked, used_by}]}. */
  LIST_INVITES("listinvites", 0, 0),
  /** {@code [limit?]} → {@code [{at, actor, ip, method, params, outcome}]}, newest first. */
  LIST_AUDIT_LOG("listauditlog", 0, 1),
  /**
   * {@code [limit?]} → {@code [{at, actor, ip, method}]}: who used the admin API of this relay.
   * Callable by every member, not only admins.
   */
  LIST_ADMIN_ACCESS("listadminaccess", 0, 1),
  /** {@code []} → {@code {events, connections, members}}. */
  RELAY_STATS("relaystats", 0, 0),
  /** {@code []} → {@code {pubkey, roles}}: the caller's own roles (callable by every member). */
  WHOAMI("whoami", 0, 0);

  private final String wireName;
  private final int minParams;
  private final int maxParams;

  HearthMethod(String wireName, int minParams, int maxParams) {
    this.wireName = wireName;
    this.minParams = minParams;
    this.maxParams = maxParams;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  @Override
  public int minParams() {
    return minParams;
  }

  @Override
  public int maxParams() {
    return maxParams;
  }

  /** True for methods every member may call (not only owner and admins). */
  public boolean forMembers() {
    return this == LIST_ADMIN_ACCESS || this == WHOAMI;
  }

  public static Optional<HearthMethod> fromWire(String name) {
    return RpcMethod.find(values(), name);
  }
}
