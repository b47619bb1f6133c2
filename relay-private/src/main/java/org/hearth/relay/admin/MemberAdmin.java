package org.hearth.relay.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.hearth.nostr.nip86.Nip86Params;
import org.hearth.relay.access.Grant;
import org.hearth.relay.access.Role;
import org.hearth.relay.admin.nip43.MembershipEvents;

/**
 * NIP-86 allow/unallow/ban/unban and assign/unassign for Hearth's roles, plus Hearth's listmembers,
 * grantrole and whoami. Allowing a key grants it {@code member}; unallowing or banning revokes
 * every grant (at once: the membership cache every read path checks is reloaded). Only the owner
 * may grant or take away owner and admin, and nobody can remove the configured owner.
 */
@ApplicationScoped
public class MemberAdmin {
  static final String SOURCE = "admin";

  private final Members members;
  private final AdminLists lists;
  private final MembershipEvents nip43;

  public MemberAdmin(Members members, AdminLists lists, MembershipEvents nip43) {
    this.members = members;
    this.lists = lists;
    this.nip43 = nip43;
  }

  Uni<AdminResult> allow(AdminCall c, String pubkey) {
    return assign(c, pubkey, Role.MEMBER);
  }

  Uni<AdminResult> unallow(AdminCall c, String pubkey) {
    checkMayRemove(c, pubkey);
    if (members.roles(c.path(), pubkey, c.now()).isEmpty()) {
      return Uni.createFrom().item(AdminResult.unchanged());
    }
    return members
        .revokeAll(c.path(), pubkey)
        .chain(() -> nip43.announce(c.path(), pubkey, false, c.now()))
        .replaceWith(AdminResult.done());
  }

  Uni<AdminResult> ban(AdminCall c, String pubkey, Optional<String> reason) {
    checkMayRemove(c, pubkey);
    return lists
        .add(c.path(), AdminList.BANNED_PUBKEY, pubkey, reason)
        .chain(() -> unallow(c, pubkey))
        .replaceWith(AdminResult.done());
  }

  Uni<AdminResult> unban(AdminCall c, String pubkey) {
    return lists
        .remove(c.path(), AdminList.BANNED_PUBKEY, pubkey)
        .map(removed -> removed ? AdminResult.done() : AdminResult.unchanged());
  }

  AdminResult listBanned(AdminCall c) {
    return AdminResult.read(entries(lists.entries(c.path(), AdminList.BANNED_PUBKEY), "pubkey"));
  }

  Uni<AdminResult> listAllowed(AdminCall c) {
    return members
        .active(c.path(), c.now())
        .map(m -> AdminResult.read(m.keySet().stream().map(pk -> Map.of("pubkey", pk)).toList()));
  }

  /** A Hearth role, unrestricted and for ever, unless the key already holds exactly that. */
  Uni<AdminResult> assign(AdminCall c, String pubkey, Role role) {
    return grant(c, pubkey, role, Optional.empty(), Optional.empty(), OptionalLong.empty());
  }

  Uni<AdminResult> grant(
      AdminCall c,
      String pubkey,
      Role role,
      Optional<Set<Integer>> read,
      Optional<Set<Integer>> write,
      OptionalLong expiresAt) {
    checkMayGrant(c, role);
    if (lists.contains(c.path(), AdminList.BANNED_PUBKEY, pubkey)) {
      throw new AdminRefusal("blocked: " + pubkey + " is banned on this relay; unban it first");
    }
    if (expiresAt.isPresent() && expiresAt.getAsLong() <= c.now()) {
      throw new AdminRefusal("invalid: expires_at is in the past");
    }
    Set<Role> before = members.roles(c.path(), pubkey, c.now());
    boolean plain = read.isEmpty() && write.isEmpty() && expiresAt.isEmpty();
    if (plain && before.contains(role)) {
      return Uni.createFrom().item(AdminResult.unchanged());
    }
    Grant g =
        new Grant(
            0,
            c.path(),
            pubkey,
            role,
            read,
            write,
            expiresAt,
            OptionalLong.empty(),
            Optional.of(c.actor()),
            SOURCE);
    return members
        .grant(g)
        .chain(() -> changed(c, pubkey, before.isEmpty()))
        .replaceWith(AdminResult.done());
  }

  /** A new member is announced (8000); a new role of a member only refreshes the list. */
  private Uni<Void> changed(AdminCall c, String pubkey, boolean newMember) {
    return newMember
        ? nip43.announce(c.path(), pubkey, true, c.now())
        : nip43.publishList(c.path(), c.now()).replaceWithVoid();
  }

  Uni<AdminResult> unassign(AdminCall c, String pubkey, Role role) {
    checkMayGrant(c, role);
    if (role == Role.OWNER && c.relay().owner().hex().equals(pubkey)) {
      throw new AdminRefusal("restricted: the configured owner keeps the owner role");
    }
    return members
        .revokeRole(c.path(), pubkey, role, c.now())
        .call(
            changed ->
                changed
                    ? members.roles(c.path(), pubkey, c.now()).isEmpty()
                        ? nip43.announce(c.path(), pubkey, false, c.now())
                        : nip43.publishList(c.path(), c.now()).replaceWithVoid()
                    : Uni.createFrom().voidItem())
        .map(changed -> changed ? AdminResult.done() : AdminResult.unchanged());
  }

  /** Hearth's grantrole: {@code [pubkey, role, {read_kinds?, write_kinds?, expires_at?}]}. */
  Uni<AdminResult> grantRole(AdminCall c, Nip86Params p) {
    Role role = AdminRoles.builtIn(p.text(1)).orElseThrow(() -> AdminRoles.unknown(p.text(1)));
    JsonNode opts = p.raw(2);
    if (!opts.isNull() && !opts.isObject()) {
      throw new AdminRefusal("invalid: grantrole: parameter 3 must be an object");
    }
    return grant(
        c,
        p.pubkey(0),
        role,
        kinds(opts.get("read_kinds"), "read_kinds"),
        kinds(opts.get("write_kinds"), "write_kinds"),
        opts.hasNonNull("expires_at")
            ? OptionalLong.of(number(opts.get("expires_at"), "expires_at"))
            : OptionalLong.empty());
  }

  Uni<AdminResult> listMembers(AdminCall c) {
    return members
        .active(c.path(), c.now())
        .map(
            m -> {
              List<Map<String, Object>> out = new ArrayList<>();
              m.values().forEach(gs -> gs.forEach(g -> out.add(describe(g))));
              return AdminResult.read(out);
            });
  }

  AdminResult whoami(AdminCall c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pubkey", c.actor());
    out.put("roles", c.roles().stream().map(Role::key).sorted().toList());
    out.put("administers", c.administers());
    return AdminResult.read(out);
  }

  private static Map<String, Object> describe(Grant g) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("pubkey", g.pubkey());
    o.put("role", g.role().key());
    o.put("read_kinds", g.readKinds().map(k -> k.stream().sorted().toList()).orElse(null));
    o.put("write_kinds", g.writeKinds().map(k -> k.stream().sorted().toList()).orElse(null));
    o.put("expires_at", g.expiresAt().isPresent() ? g.expiresAt().getAsLong() : null);
    o.put("granted_by", g.grantedBy().orElse(null));
    o.put("source", g.source());
    return o;
  }

  static List<Map<String, String>> entries(Map<String, String> values, String field) {
    List<Map<String, String>> out = new ArrayList<>();
    values.forEach(
        (v, reason) -> {
          Map<String, String> o = new LinkedHashMap<>();
          o.put(field, v);
          o.put("reason", reason);
          out.add(o);
        });
    return out;
  }

  private static void checkMayGrant(AdminCall c, Role role) {
    if ((role == Role.OWNER || role == Role.ADMIN) && !c.isOwner()) {
      throw new AdminRefusal(
          "restricted: only the owner may give or take the " + role.key() + " role");
    }
  }

  private void checkMayRemove(AdminCall c, String pubkey) {
    if (c.relay().owner().hex().equals(pubkey)) {
      throw new AdminRefusal("restricted: the relay's owner cannot be removed or banned");
    }
    Set<Role> target = members.roles(c.path(), pubkey, c.now());
    if ((target.contains(Role.ADMIN) || target.contains(Role.OWNER)) && !c.isOwner()) {
      throw new AdminRefusal("restricted: only the owner may remove or ban an admin");
    }
  }

  private static Optional<Set<Integer>> kinds(JsonNode n, String name) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isArray()) {
      throw new AdminRefusal("invalid: " + name + " must be an array of kinds");
    }
    Set<Integer> out = new HashSet<>();
    for (JsonNode k : n) {
      if (!k.isIntegralNumber() || k.asLong() < 0 || k.asLong() > 65535) {
        throw new AdminRefusal("invalid: " + name + " must hold kinds from 0 to 65535");
      }
      out.add(k.intValue());
    }
    return Optional.of(out);
  }

  private static long number(JsonNode n, String name) {
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new AdminRefusal("invalid: " + name + " must be unix seconds");
    }
    return n.longValue();
  }
}
