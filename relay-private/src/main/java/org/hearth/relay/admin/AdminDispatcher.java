package org.hearth.relay.admin;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.Nip86Method;
import org.hearth.nostr.nip86.Nip86Params;
import org.hearth.nostr.nip86.RpcMethod;
import org.hearth.relay.admin.RelayOverrides.Field;
import org.hearth.relay.audit.AuditLog;

/** Routes each NIP-86 and Hearth method to its handler (exhaustive: the compiler checks it). */
@ApplicationScoped
public class AdminDispatcher {
  private final MemberAdmin members;
  private final RoleAdmin roles;
  private final ModerationAdmin moderation;
  private final RelayAdmin relay;
  private final InviteAdmin invites;
  private final AuditLog audit;
  private final AdminConfig config;

  public AdminDispatcher(
      MemberAdmin members,
      RoleAdmin roles,
      ModerationAdmin moderation,
      RelayAdmin relay,
      InviteAdmin invites,
      AuditLog audit,
      AdminConfig config) {
    this.members = members;
    this.roles = roles;
    this.moderation = moderation;
    this.relay = relay;
    this.invites = invites;
    this.audit = audit;
    this.config = config;
  }

  /** Every method name this relay answers, for supportedmethods. */
  public static List<String> supported() {
    List<String> out = new ArrayList<>();
    for (Nip86Method m : Nip86Method.values()) {
      out.add(m.wireName());
    }
    for (HearthMethod m : HearthMethod.values()) {
      out.add(m.wireName());
    }
    return out;
  }

  Uni<AdminResult> dispatch(AdminCall c, RpcMethod method, Nip86Params p) {
    return switch (method) {
      case Nip86Method m -> nip86(c, m, p);
      case HearthMethod m -> hearth(c, m, p);
    };
  }

  private Uni<AdminResult> nip86(AdminCall c, Nip86Method m, Nip86Params p) {
    return switch (m) {
      case SUPPORTED_METHODS -> now(AdminResult.read(supported()));
      case BAN_PUBKEY -> members.ban(c, p.pubkey(0), p.optionalText(1));
      case UNBAN_PUBKEY -> members.unban(c, p.pubkey(0));
      case LIST_BANNED_PUBKEYS -> now(members.listBanned(c));
      case ALLOW_PUBKEY -> members.allow(c, p.pubkey(0));
      case UNALLOW_PUBKEY -> members.unallow(c, p.pubkey(0));
      case LIST_ALLOWED_PUBKEYS -> members.listAllowed(c);
      case CREATE_ROLE -> roles.create(c, p);
      case EDIT_ROLE -> roles.edit(c, p);
      case DELETE_ROLE -> roles.delete(c, p.text(0));
      case ASSIGN_ROLE -> roles.assign(c, p.pubkey(0), p.text(1));
      case UNASSIGN_ROLE -> roles.unassign(c, p.pubkey(0), p.text(1));
      case LIST_EVENTS_NEEDING_MODERATION -> moderation.needingModeration(c);
      case ALLOW_EVENT -> moderation.allowEvent(c, p.eventId(0), p.optionalText(1));
      case BAN_EVENT -> moderation.banEvent(c, p.eventId(0), p.optionalText(1));
      case LIST_BANNED_EVENTS -> now(moderation.bannedEvents(c));
      case CHANGE_RELAY_NAME -> relay.change(c, Field.NAME, p.text(0));
      case CHANGE_RELAY_DESCRIPTION -> relay.change(c, Field.DESCRIPTION, p.text(0));
      case CHANGE_RELAY_ICON -> relay.change(c, Field.ICON, p.text(0));
      case ALLOW_KIND -> moderation.allowKind(c, p.kind(0));
      case DISALLOW_KIND -> moderation.disallowKind(c, p.kind(0));
      case LIST_ALLOWED_KINDS -> now(moderation.allowedKinds(c));
      case BLOCK_IP -> moderation.blockIp(c, p.ip(0), p.optionalText(1));
      case UNBLOCK_IP -> moderation.unblockIp(c, p.ip(0));
      case LIST_BLOCKED_IPS -> now(moderation.blockedIps(c));
    };
  }

  private Uni<AdminResult> hearth(AdminCall c, HearthMethod m, Nip86Params p) {
    return switch (m) {
      case LIST_MEMBERS -> members.listMembers(c);
      case GRANT_ROLE -> members.grantRole(c, p);
      case LIST_ROLES -> roles.list(c);
      case CREATE_INVITE -> invites.create(c, p);
      case REVOKE_INVITE -> invites.revoke(c, p.text(0));
      case LIST_INVITES -> invites.list(c);
      case LIST_AUDIT_LOG -> auditLog(c, p, true);
      case LIST_ADMIN_ACCESS -> auditLog(c, p, false);
      case RELAY_STATS -> relay.stats(c);
      case WHOAMI -> now(members.whoami(c));
    };
  }

  private Uni<AdminResult> auditLog(AdminCall c, Nip86Params p, boolean changes) {
    int limit = Math.clamp(p.optionalInt(0).orElse(100), 1, config.maxAuditEntries());
    return audit
        .list(c.path(), changes, limit)
        .map(
            entries ->
                AdminResult.read(
                    entries.stream()
                        .map(
                            e -> {
                              java.util.Map<String, Object> o = new java.util.LinkedHashMap<>();
                              o.put("at", e.at());
                              o.put("actor", e.actor());
                              o.put("ip", e.ip());
                              o.put("method", e.method());
                              if (changes) {
                                o.put("params", e.params());
                                o.put("outcome", e.outcome());
                              }
                              return o;
                            })
                        .toList()));
  }

  private static Uni<AdminResult> now(AdminResult r) {
    return Uni.createFrom().item(r);
  }
}
