package org.hearth.relay.admin.nip43;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.OptionalLong;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.Prefix;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.access.Grant;
import org.hearth.relay.access.Role;
import org.hearth.relay.admin.AdminConfig;
import org.hearth.relay.admin.AdminList;
import org.hearth.relay.admin.AdminLists;
import org.hearth.relay.admin.Members;
import org.hearth.relay.audit.AuditEntry;
import org.hearth.relay.audit.AuditLog;
import org.hearth.relay.config.RelaySettings;

/**
 * NIP-43 join (kind 28934, with an invite code in a {@code claim} tag) and leave (kind 28936)
 * requests sent as EVENTs. Each gets an OK in the NIP's words; a join uses its code up, grants the
 * invite's role and republishes the member list. Both are recorded in the audit log.
 */
@ApplicationScoped
public class JoinRequests {
  public static final int JOIN = 28934;
  public static final int LEAVE = 28936;

  private final InviteStore invites;
  private final Members members;
  private final AdminLists lists;
  private final MembershipEvents nip43;
  private final AuditLog audit;
  private final AdminConfig config;

  public JoinRequests(
      InviteStore invites,
      Members members,
      AdminLists lists,
      MembershipEvents nip43,
      AuditLog audit,
      AdminConfig config) {
    this.invites = invites;
    this.members = members;
    this.lists = lists;
    this.nip43 = nip43;
    this.audit = audit;
    this.config = config;
  }

  public static boolean handles(int kind) {
    return kind == JOIN || kind == LEAVE;
  }

  /** The OK for a join or leave request (already checked for id and signature). */
  public Uni<RelayMessage.Ok> handle(RelaySettings relay, Event e, String ip, long now) {
    if (Math.abs(e.createdAt() - now) > config.joinWindow().toSeconds()) {
      return ok(e, false, Prefix.INVALID, "created_at must be within a few minutes of now");
    }
    if (e.kind() == LEAVE) {
      return leave(relay, e, ip, now);
    }
    Optional<String> code = e.firstTagValue("claim");
    if (code.isEmpty() || code.get().isBlank()) {
      return ok(e, false, Prefix.INVALID, "a join request needs a claim tag with an invite code");
    }
    String pk = e.pubkey();
    if (lists.contains(relay.path(), AdminList.BANNED_PUBKEY, pk)) {
      return ok(e, false, Prefix.RESTRICTED, "you are banned from this relay.");
    }
    if (!members.roles(relay.path(), pk, now).isEmpty()) {
      return ok(e, true, Prefix.DUPLICATE, "you are already a member of this relay.");
    }
    return invites
        .find(relay.path(), code.get())
        .chain(
            found -> {
              if (found.isEmpty()
                  || found.get().revokedAt().isPresent()
                  || found.get().usedBy().isPresent()) {
                return ok(e, false, Prefix.RESTRICTED, "that is an invalid invite code.");
              }
              if (found.get().expiresAt() <= now) {
                return ok(e, false, Prefix.RESTRICTED, "that invite code is expired.");
              }
              InviteStore.Invite inv = found.get();
              return invites
                  .claim(relay.path(), inv.code(), pk, now)
                  .chain(
                      role ->
                          role.isEmpty()
                              ? ok(e, false, Prefix.RESTRICTED, "that is an invalid invite code.")
                              : admit(relay, e, inv, Role.fromKey(role.get()), ip, now));
            });
  }

  private Uni<RelayMessage.Ok> admit(
      RelaySettings relay, Event e, InviteStore.Invite inv, Role role, String ip, long now) {
    Grant g =
        new Grant(
            0,
            relay.path(),
            e.pubkey(),
            role,
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            Optional.of(inv.createdBy()),
            "invite");
    return members
        .grant(g)
        .chain(() -> nip43.announce(relay.path(), e.pubkey(), true, now))
        .chain(() -> record(relay, e, ip, now, "join", "ok: " + role.key()))
        .chain(() -> ok(e, true, null, "info: welcome to " + relay.name() + "!"));
  }

  private Uni<RelayMessage.Ok> leave(RelaySettings relay, Event e, String ip, long now) {
    boolean protectedTag = e.tags().stream().anyMatch(t -> t.size() == 1 && t.get(0).equals("-"));
    if (!protectedTag) {
      return ok(e, false, Prefix.INVALID, "a leave request needs the NIP-70 \"-\" tag");
    }
    if (relay.owner().hex().equals(e.pubkey())) {
      return ok(e, false, Prefix.RESTRICTED, "the owner cannot leave their relay");
    }
    if (members.roles(relay.path(), e.pubkey(), now).isEmpty()) {
      return ok(e, true, Prefix.DUPLICATE, "you are not a member of this relay.");
    }
    return members
        .revokeAll(relay.path(), e.pubkey())
        .chain(() -> nip43.announce(relay.path(), e.pubkey(), false, now))
        .chain(() -> record(relay, e, ip, now, "leave", "ok"))
        .chain(() -> ok(e, true, null, "info: you have left this relay."));
  }

  private Uni<Void> record(
      RelaySettings relay, Event e, String ip, long now, String method, String outcome) {
    return audit.record(
        new AuditEntry(
            0, relay.path(), now, e.pubkey(), ip, "nip43:" + method, "[]", outcome, true));
  }

  private static Uni<RelayMessage.Ok> ok(Event e, boolean accepted, Prefix prefix, String text) {
    String message = prefix == null ? text : prefix.format(text);
    return Uni.createFrom().item(new RelayMessage.Ok(e.id(), accepted, message));
  }
}
