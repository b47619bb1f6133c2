package org.hearth.relay.admin;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.relay.storage.DeleteEvents;

/**
 * NIP-86 event moderation, kinds and IPs. Events "need moderation" when a member reported them
 * (NIP-56, kind 1984 with an {@code e} tag) and no admin has allowed or banned them yet. Banning an
 * event deletes it and refuses it from then on; kinds and IPs are enforced by {@link AdminRules}.
 */
@ApplicationScoped
public class ModerationAdmin {
  static final int REPORT = 1984;
  private final AdminLists lists;
  private final Pool pool;
  private final BlockedIpDisconnect disconnect;

  public ModerationAdmin(AdminLists lists, Pool pool, BlockedIpDisconnect disconnect) {
    this.disconnect = disconnect;
    this.lists = lists;
    this.pool = pool;
  }

  Uni<AdminResult> needingModeration(AdminCall c) {
    return pool.preparedQuery(
            "SELECT t.value AS id, r.content AS reason FROM event r JOIN event_tag t"
                + " ON t.relay = r.relay AND t.event_id = r.id"
                + " WHERE r.relay = $1 AND r.kind = $2 AND t.name = 'e'"
                + " ORDER BY r.created_at DESC LIMIT 500")
        .execute(Tuple.of(c.path(), REPORT))
        .map(
            rs -> {
              Map<String, String> open = new LinkedHashMap<>();
              for (Row r : rs) {
                String id = r.getString("id");
                if (!lists.contains(c.path(), AdminList.ALLOWED_EVENT, id)
                    && !lists.contains(c.path(), AdminList.BANNED_EVENT, id)) {
                  open.putIfAbsent(id, r.getString("reason"));
                }
              }
              return AdminResult.read(MemberAdmin.entries(open, "id"));
            });
  }

  Uni<AdminResult> allowEvent(AdminCall c, String id, Optional<String> reason) {
    return lists
        .remove(c.path(), AdminList.BANNED_EVENT, id)
        .chain(() -> lists.add(c.path(), AdminList.ALLOWED_EVENT, id, reason))
        .replaceWith(AdminResult.done());
  }

  Uni<AdminResult> banEvent(AdminCall c, String id, Optional<String> reason) {
    return lists
        .remove(c.path(), AdminList.ALLOWED_EVENT, id)
        .chain(() -> lists.add(c.path(), AdminList.BANNED_EVENT, id, reason))
        .chain(
            () ->
                pool.preparedQuery(DeleteEvents.where("relay = $1 AND id = $2"))
                    .execute(Tuple.of(c.path(), id)))
        .replaceWith(AdminResult.done());
  }

  AdminResult bannedEvents(AdminCall c) {
    return AdminResult.read(
        MemberAdmin.entries(lists.entries(c.path(), AdminList.BANNED_EVENT), "id"));
  }

  /**
   * Lifts an explicit refusal of the kind, or (when there was none) adds it to the allowed list
   * (once that list is not empty, only listed kinds are accepted).
   */
  Uni<AdminResult> allowKind(AdminCall c, int kind) {
    String k = String.valueOf(kind);
    return lists
        .remove(c.path(), AdminList.DISALLOWED_KIND, k)
        .chain(
            lifted ->
                lifted
                    ? Uni.createFrom().item(true)
                    : lists.add(c.path(), AdminList.ALLOWED_KIND, k, Optional.empty()))
        .map(changed -> changed ? AdminResult.done() : AdminResult.unchanged());
  }

  /**
   * Takes the kind off the allowed list, and refuses it explicitly when it was not listed or the
   * list is now empty (an empty list would accept every kind again).
   */
  Uni<AdminResult> disallowKind(AdminCall c, int kind) {
    String k = String.valueOf(kind);
    return lists
        .remove(c.path(), AdminList.ALLOWED_KIND, k)
        .chain(
            removed ->
                removed && !lists.entries(c.path(), AdminList.ALLOWED_KIND).isEmpty()
                    ? Uni.createFrom().item(true)
                    : lists.add(c.path(), AdminList.DISALLOWED_KIND, k, Optional.empty()))
        .replaceWith(AdminResult.done());
  }

  /** The explicitly allowed kinds (none listed: every kind not disallowed is accepted). */
  AdminResult allowedKinds(AdminCall c) {
    List<Integer> out = new ArrayList<>();
    lists
        .entries(c.path(), AdminList.ALLOWED_KIND)
        .keySet()
        .forEach(k -> out.add(Integer.valueOf(k)));
    out.sort(null);
    return AdminResult.read(out);
  }

  Uni<AdminResult> blockIp(AdminCall c, String ip, Optional<String> reason) {
    return lists
        .add(c.path(), AdminList.BLOCKED_IP, ip, reason)
        .invoke(() -> disconnect.disconnect(c.path(), ip))
        .replaceWith(AdminResult.done());
  }

  Uni<AdminResult> unblockIp(AdminCall c, String ip) {
    return lists
        .remove(c.path(), AdminList.BLOCKED_IP, ip)
        .map(removed -> removed ? AdminResult.done() : AdminResult.unchanged());
  }

  AdminResult blockedIps(AdminCall c) {
    return AdminResult.read(
        MemberAdmin.entries(lists.entries(c.path(), AdminList.BLOCKED_IP), "ip"));
  }
}
