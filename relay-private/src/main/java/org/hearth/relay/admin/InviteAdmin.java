package org.hearth.relay.admin;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.nostr.nip86.Nip86Params;
import org.hearth.relay.access.Role;
import org.hearth.relay.admin.nip43.InviteStore;

/** Hearth's createinvite/revokeinvite/listinvites (codes for NIP-43 join requests). */
@ApplicationScoped
public class InviteAdmin {
  private final InviteStore store;
  private final AdminConfig config;

  public InviteAdmin(InviteStore store, AdminConfig config) {
    this.store = store;
    this.config = config;
  }

  Uni<AdminResult> create(AdminCall c, Nip86Params p) {
    String roleId = p.optionalText(0).orElse("member");
    Role role = AdminRoles.builtIn(roleId).orElseThrow(() -> AdminRoles.unknown(roleId));
    if (role == Role.OWNER || ((role == Role.ADMIN) && !c.isOwner())) {
      throw new AdminRefusal("restricted: invites cannot grant the " + role.key() + " role");
    }
    long lifetime =
        p.optionalInt(1).isPresent()
            ? p.optionalInt(1).getAsInt()
            : config.inviteLifetime().toSeconds();
    if (lifetime <= 0 || lifetime > config.maxInviteLifetime().toSeconds()) {
      throw new AdminRefusal(
          "invalid: an invite lives 1 s to " + config.maxInviteLifetime().toSeconds() + " s");
    }
    return store
        .create(c.path(), role.key(), c.actor(), c.now(), c.now() + lifetime)
        .map(
            i -> {
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("code", i.code());
              out.put("role", i.role());
              out.put("expires_at", i.expiresAt());
              return new AdminResult(out, true);
            });
  }

  Uni<AdminResult> revoke(AdminCall c, String code) {
    return store
        .revoke(c.path(), code, c.now())
        .map(
            done -> {
              if (!done) {
                throw new AdminRefusal("invalid: no unused invite with that code");
              }
              return AdminResult.done();
            });
  }

  Uni<AdminResult> list(AdminCall c) {
    return store
        .list(c.path())
        .map(
            all -> {
              List<Map<String, Object>> out =
                  all.stream()
                      .map(
                          i -> {
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("code", i.code());
                            o.put("role", i.role());
                            o.put("created_by", i.createdBy());
                            o.put("expires_at", i.expiresAt());
                            o.put("state", state(i, c.now()));
                            o.put("used_by", i.usedBy().orElse(null));
                            return o;
                          })
                      .toList();
              return AdminResult.read(out);
            });
  }

  private static String state(InviteStore.Invite i, long now) {
    if (i.usedBy().isPresent()) {
      return "used";
    }
    if (i.revokedAt().isPresent()) {
      return "revoked";
    }
    return i.expiresAt() <= now ? "expired" : "open";
  }
}
