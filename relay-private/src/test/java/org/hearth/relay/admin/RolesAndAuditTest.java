package org.hearth.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.OWNER;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.Nip86CallException;
import org.hearth.nostr.nip86.Nip86Method;
import org.hearth.nostr.nip86.RpcMethod;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NIP-43 label roles (create/edit/delete/assign/unassign) and the audit log. */
@QuarkusTest
class RolesAndAuditTest {
  @TestHTTPResource("/")
  URI root;

  AdminApi api;

  @BeforeEach
  void setUp() {
    api = new AdminApi(root.getPort());
  }

  private JsonNode call(RpcMethod m, Object... params) {
    return api.call("family", OWNER, m, params);
  }

  private String error(LocalSigner as, RpcMethod m, Object... params) {
    Nip86CallException e =
        catchThrowableOfType(Nip86CallException.class, () -> api.call("family", as, m, params));
    assertThat(e).isNotNull();
    return e.getMessage();
  }

  @Test
  void customRolesAreLabelsOnMembers() {
    String id = "kid" + System.nanoTime() % 100000;
    call(Nip86Method.CREATE_ROLE, id, "Kid", "under 12", "120", 3);
    assertThat(error(OWNER, Nip86Method.CREATE_ROLE, id, "Kid", "", "120", 3))
        .contains("already exists");
    call(Nip86Method.EDIT_ROLE, id, "Child", null, 200, null);
    JsonNode roles = call(HearthMethod.LIST_ROLES);
    assertThat(roles.findValuesAsText("id"))
        .contains("owner", "admin", "member", "reader", "service", id);
    assertThat(roles.toString())
        .contains(
            "\"id\":\""
                + id
                + "\",\"builtin\":false,\"label\":\"Child\",\"description\":\"under 12\",\"color\":\"200\",\"order\":3");
    assertThat(error(OWNER, Nip86Method.CREATE_ROLE, "x", "l", "d", "999", 1)).contains("hue");
    assertThat(error(OWNER, Nip86Method.DELETE_ROLE, "admin")).contains("built-in role");
    assertThat(error(OWNER, Nip86Method.EDIT_ROLE, "nosuchrole", "x")).contains("no role");

    String alice = ALICE.publicKey().hex();
    assertThat(error(OWNER, Nip86Method.ASSIGN_ROLE, AdminApi.freshKey().publicKey().hex(), id))
        .contains("is not a member");
    call(Nip86Method.ASSIGN_ROLE, alice, id);
    JsonNode whoami = api.call("family", ALICE, HearthMethod.WHOAMI);
    assertThat(whoami.get("roles").toString()).contains("member");
    try (TestSocket s = TestSocket.open(root.getPort(), "family")) {
      s.auth(ALICE);
      List<Event> defs = s.req("r", byKind(33534, id));
      assertThat(defs).hasSize(1);
      assertThat(defs.getFirst().tags())
          .contains(
              List.of("-"), List.of("d", id), List.of("label", "Child"), List.of("color", "200"));
      List<Event> lists = s.req("m", byKind(13534, null));
      assertThat(lists.getFirst().tags()).contains(List.of("member", alice, "member", id));
    }
    call(Nip86Method.UNASSIGN_ROLE, alice, id);
    call(Nip86Method.DELETE_ROLE, id);
    assertThat(call(HearthMethod.LIST_ROLES).findValuesAsText("id")).doesNotContain(id);
    try (TestSocket s = TestSocket.open(root.getPort(), "family")) {
      s.auth(ALICE);
      assertThat(s.req("r", byKind(33534, id))).isEmpty();
    }
  }

  private static Filter byKind(int kind, String d) {
    return new Filter(
        null,
        null,
        Set.of(kind),
        d == null ? null : Map.of("d", Set.of(d)),
        null,
        null,
        null,
        null);
  }

  @Test
  void everyChangeIsAuditedWithWhoWhatWhenAndWhere() {
    String victim = AdminApi.freshKey().publicKey().hex();
    long before = java.time.Instant.now().getEpochSecond();
    call(Nip86Method.BAN_PUBKEY, victim, "audit me");
    JsonNode log = call(HearthMethod.LIST_AUDIT_LOG, 20);
    JsonNode entry = null;
    for (JsonNode e : log) {
      if (e.get("params").textValue().contains(victim)) {
        entry = e;
        break;
      }
    }
    assertThat(entry).isNotNull();
    assertThat(entry.get("actor").textValue()).isEqualTo(OWNER.publicKey().hex());
    assertThat(entry.get("method").textValue()).isEqualTo("banpubkey");
    assertThat(entry.get("ip").textValue()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(entry.get("outcome").textValue()).isEqualTo("ok");
    assertThat(entry.get("at").longValue()).isGreaterThanOrEqualTo(before);
    for (JsonNode e : log) {
      assertThat(e.get("method").textValue()).doesNotStartWith("list");
    }
    call(Nip86Method.UNBAN_PUBKEY, victim);
  }

  @Test
  void membersSeeWhoAccessedTheAdminApiButNotTheLog() {
    call(Nip86Method.LIST_BLOCKED_IPS);
    JsonNode access = api.call("family", ALICE, HearthMethod.LIST_ADMIN_ACCESS, 10);
    assertThat(access.get(0).get("actor").textValue()).isNotBlank();
    assertThat(access.findValuesAsText("method")).contains("listblockedips");
    assertThat(access.get(0).has("params")).isFalse();
    assertThat(error(ALICE, HearthMethod.LIST_AUDIT_LOG)).contains("only the owner and admins");
    assertThat(error(AdminApi.freshKey(), HearthMethod.LIST_ADMIN_ACCESS))
        .contains("only the owner and admins");
  }
}
