package org.hearth.relay.admin;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.nostr.nip86.Nip86Params;
import org.hearth.relay.access.Role;
import org.hearth.relay.admin.RoleStore.CustomRole;
import org.hearth.relay.admin.nip43.MembershipEvents;

/**
 * NIP-86 createrole/editrole/deleterole/assignrole/unassignrole and Hearth's listroles. Built-in
 * ids are Hearth's roles (see {@link AdminRoles}); other ids are NIP-43 labels.
 */
@ApplicationScoped
public class RoleAdmin {
  private final RoleStore store;
  private final MemberAdmin members;
  private final Members grants;
  private final MembershipEvents nip43;

  public RoleAdmin(RoleStore store, MemberAdmin members, Members grants, MembershipEvents nip43) {
    this.store = store;
    this.members = members;
    this.grants = grants;
    this.nip43 = nip43;
  }

  Uni<AdminResult> create(AdminCall c, Nip86Params p) {
    CustomRole r = definition(p);
    return store
        .create(c.path(), r)
        .invoke(
            created -> {
              if (!created) {
                throw new AdminRefusal("duplicate: role \"" + r.id() + "\" already exists");
              }
            })
        .chain(() -> publish(c, r.id()))
        .replaceWith(AdminResult.done());
  }

  Uni<AdminResult> edit(AdminCall c, Nip86Params p) {
    CustomRole r = definition(p);
    return store
        .edit(c.path(), r)
        .invoke(
            found -> {
              if (!found) {
                throw new AdminRefusal("invalid: no role \"" + r.id() + "\"");
              }
            })
        .chain(() -> publish(c, r.id()))
        .replaceWith(AdminResult.done());
  }

  Uni<AdminResult> delete(AdminCall c, String id) {
    builtInRefused(id, "deleted");
    return store
        .delete(c.path(), id)
        .call(
            deleted ->
                deleted
                    ? nip43
                        .deleteRole(c.path(), id, c.now())
                        .chain(() -> nip43.publishList(c.path(), c.now()))
                    : Uni.createFrom().nullItem())
        .map(
            deleted -> {
              if (!deleted) {
                throw new AdminRefusal("invalid: no role \"" + id + "\"");
              }
              return AdminResult.done();
            });
  }

  Uni<AdminResult> assign(AdminCall c, String pubkey, String id) {
    Optional<Role> builtIn = AdminRoles.builtIn(id);
    if (builtIn.isPresent()) {
      return members.assign(c, pubkey, builtIn.get());
    }
    if (grants.roles(c.path(), pubkey, c.now()).isEmpty()) {
      throw new AdminRefusal(
          "invalid: " + pubkey + " is not a member; allow it before giving it a label role");
    }
    return customRoleExists(c, id)
        .chain(() -> store.assign(c.path(), id, pubkey))
        .call(added -> added ? nip43.publishList(c.path(), c.now()) : Uni.createFrom().nullItem())
        .map(added -> added ? AdminResult.done() : AdminResult.unchanged());
  }

  Uni<AdminResult> unassign(AdminCall c, String pubkey, String id) {
    Optional<Role> builtIn = AdminRoles.builtIn(id);
    if (builtIn.isPresent()) {
      return members.unassign(c, pubkey, builtIn.get());
    }
    return store
        .unassign(c.path(), id, pubkey)
        .call(gone -> gone ? nip43.publishList(c.path(), c.now()) : Uni.createFrom().nullItem())
        .map(gone -> gone ? AdminResult.done() : AdminResult.unchanged());
  }

  Uni<AdminResult> list(AdminCall c) {
    return store
        .list(c.path())
        .map(
            custom -> {
              List<Map<String, Object>> out = new ArrayList<>();
              for (Role r : Role.values()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("id", r.key());
                o.put("builtin", true);
                o.put("reads", r.reads());
                o.put("writes", r.writes());
                o.put("administers", r.administers());
                out.add(o);
              }
              for (CustomRole r : custom) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("id", r.id());
                o.put("builtin", false);
                o.put("label", r.label().orElse(null));
                o.put("description", r.description().orElse(null));
                o.put("color", r.color().orElse(null));
                o.put("order", r.order().orElse(null));
                out.add(o);
              }
              return AdminResult.read(out);
            });
  }

  /** Publishes the stored definition of {@code id} as a NIP-43 kind 33534 event. */
  private Uni<Void> publish(AdminCall c, String id) {
    return store
        .list(c.path())
        .chain(
            all ->
                all.stream()
                    .filter(r -> r.id().equals(id))
                    .findFirst()
                    .map(r -> nip43.publishRole(c.path(), r, c.now()))
                    .orElseGet(() -> Uni.createFrom().voidItem()));
  }

  private Uni<Void> customRoleExists(AdminCall c, String id) {
    return store
        .list(c.path())
        .invoke(
            all -> {
              if (all.stream().noneMatch(r -> r.id().equals(id))) {
                throw AdminRoles.unknown(id);
              }
            })
        .replaceWithVoid();
  }

  private static CustomRole definition(Nip86Params p) {
    String id = p.text(0);
    builtInRefused(id, "changed");
    if (!AdminRoles.validCustomId(id)) {
      throw new AdminRefusal("invalid: a role id is 1 to 32 letters, digits, '-' or '_'");
    }
    Optional<String> color =
        p.raw(3).isNumber() ? Optional.of(p.raw(3).asText()) : p.optionalText(3);
    color.ifPresent(RoleAdmin::checkHue);
    return new CustomRole(
        id,
        p.optionalText(1),
        p.optionalText(2),
        color,
        p.optionalInt(4).isPresent() ? Optional.of(p.optionalInt(4).getAsInt()) : Optional.empty());
  }

  private static void checkHue(String color) {
    try {
      int hue = Integer.parseInt(color.strip());
      if (hue >= 0 && hue <= 360) {
        return;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new AdminRefusal("invalid: color is a hue from 0 to 360");
  }

  private static void builtInRefused(String id, String verb) {
    if (AdminRoles.builtIn(id).isPresent()) {
      throw new AdminRefusal("restricted: built-in role \"" + id + "\" cannot be " + verb);
    }
  }
}
