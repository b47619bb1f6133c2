package org.hearth.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.OWNER;
import static org.hearth.relay.support.TestKeys.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.Nip86CallException;
import org.hearth.nostr.nip86.Nip86Method;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Allow, unallow, ban, roles and grants through NIP-86, observed over real websockets. */
@QuarkusTest
class MemberAdminTest {
  @TestHTTPResource("/")
  URI root;

  AdminApi api;

  @BeforeEach
  void setUp() {
    api = new AdminApi(root.getPort());
  }

  private TestSocket open(String relay, LocalSigner as) {
    TestSocket s = TestSocket.open(root.getPort(), relay);
    assertThat(s.auth(as).accepted()).isTrue();
    return s;
  }

  private static Filter byTag(String t) {
    return new Filter(null, null, null, Map.of("t", Set.of(t)), null, null, null, null);
  }

  private JsonNode call(Nip86Method m, Object... params) {
    return api.call("family", OWNER, m, params);
  }

  private String refusal(LocalSigner as, Nip86Method m, Object... params) {
    Nip86CallException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            Nip86CallException.class, () -> api.call("family", as, m, params));
    assertThat(e).as("call should have been refused").isNotNull();
    return e.getMessage();
  }

  @Test
  void allowedKeysWriteAtOnceAndUnallowedOnesStopReceivingLive() {
    LocalSigner x = AdminApi.freshKey();
    String pk = x.publicKey().hex();
    try (TestSocket s = open("family", x)) {
      assertThat(s.publish(event(x, 1, "before")).message()).startsWith("restricted:");
    }
    assertThat(call(Nip86Method.ALLOW_PUBKEY, pk, "welcome").booleanValue()).isTrue();
    assertThat(call(Nip86Method.LIST_ALLOWED_PUBKEYS).findValuesAsText("pubkey")).contains(pk);
    String t = UUID.randomUUID().toString();
    try (TestSocket live = open("family", x);
        TestSocket alice = open("family", ALICE)) {
      assertThat(live.publish(event(x, 1, "now a member")).accepted()).isTrue();
      live.send(new ClientMessage.Req("live", List.of(byTag(t))));
      live.next(RelayMessage.Eose.class);

      call(Nip86Method.UNALLOW_PUBKEY, pk);
      assertThat(alice.publish(event(ALICE, 1, "after removal", "t", t)).accepted()).isTrue();
      assertThat(live.publish(event(x, 1, "removed")).message()).startsWith("restricted:");

      call(Nip86Method.ALLOW_PUBKEY, pk);
      Event back = event(ALICE, 1, "after re-adding", "t", t);
      assertThat(alice.publish(back).accepted()).isTrue();
      RelayMessage next = live.next();
      assertThat(next).isInstanceOf(RelayMessage.Delivery.class);
      assertThat(((RelayMessage.Delivery) next).event().content()).isEqualTo("after re-adding");
    }
    assertThat(call(Nip86Method.UNALLOW_PUBKEY, pk).booleanValue()).isTrue();
  }

  @Test
  void bannedKeysLoseAccessAndCannotBeReAddedUntilUnbanned() {
    LocalSigner x = AdminApi.freshKey();
    String pk = x.publicKey().hex();
    call(Nip86Method.ALLOW_PUBKEY, pk);
    call(Nip86Method.BAN_PUBKEY, pk, "spam");
    JsonNode banned = call(Nip86Method.LIST_BANNED_PUBKEYS);
    assertThat(banned.toString()).contains("{\"pubkey\":\"" + pk + "\",\"reason\":\"spam\"}");
    try (TestSocket s = open("family", x)) {
      assertThat(s.publish(event(x, 1, "banned")).message()).startsWith("blocked:");
    }
    assertThat(refusal(OWNER, Nip86Method.ALLOW_PUBKEY, pk)).contains("is banned");
    call(Nip86Method.UNBAN_PUBKEY, pk);
    assertThat(call(Nip86Method.LIST_BANNED_PUBKEYS).findValuesAsText("pubkey")).doesNotContain(pk);
    call(Nip86Method.ALLOW_PUBKEY, pk);
    try (TestSocket s = open("family", x)) {
      assertThat(s.publish(event(x, 1, "forgiven")).accepted()).isTrue();
    }
    call(Nip86Method.UNALLOW_PUBKEY, pk);
  }

  @Test
  void readersReadAndOnlyTheOwnerMakesAdmins() {
    LocalSigner admin = AdminApi.freshKey();
    LocalSigner reader = AdminApi.freshKey();
    call(Nip86Method.ASSIGN_ROLE, admin.publicKey().hex(), "admin");
    api.call("family", admin, Nip86Method.ASSIGN_ROLE, reader.publicKey().hex(), "reader");
    try (TestSocket s = open("family", reader)) {
      assertThat(s.publish(event(reader, 1, "x")).message()).startsWith("restricted:");
      assertThat(s.req("r", Filter.all())).isNotNull();
    }
    assertThat(refusal(admin, Nip86Method.ASSIGN_ROLE, reader.publicKey().hex(), "admin"))
        .contains("only the owner may give or take the admin role");
    assertThat(refusal(admin, Nip86Method.BAN_PUBKEY, OWNER.publicKey().hex()))
        .contains("owner cannot be removed");
    assertThat(refusal(OWNER, Nip86Method.UNASSIGN_ROLE, OWNER.publicKey().hex(), "owner"))
        .contains("configured owner keeps the owner role");
    assertThat(refusal(OWNER, Nip86Method.ASSIGN_ROLE, reader.publicKey().hex(), "king"))
        .contains("unknown role \"king\"");

    api.call("family", admin, Nip86Method.UNASSIGN_ROLE, reader.publicKey().hex(), "reader");
    try (TestSocket s = open("family", reader)) {
      s.send(new ClientMessage.Req("r", List.of(Filter.all())));
      assertThat(s.next(RelayMessage.Closed.class).message()).startsWith("restricted:");
    }
    call(Nip86Method.UNALLOW_PUBKEY, admin.publicKey().hex());
    assertThat(refusal(admin, Nip86Method.LIST_BANNED_PUBKEYS))
        .contains("only the owner and admins");
  }

  @Test
  void serviceGrantsCarryKindsAndExpiry() {
    LocalSigner svc = AdminApi.freshKey();
    String pk = svc.publicKey().hex();
    long expires = Instant.now().getEpochSecond() + 3600;
    api.call(
        "family",
        OWNER,
        HearthMethod.GRANT_ROLE,
        pk,
        "service",
        Map.of("write_kinds", List.of(1), "read_kinds", List.of(1, 7), "expires_at", expires));
    JsonNode members = api.call("family", OWNER, HearthMethod.LIST_MEMBERS);
    JsonNode mine = null;
    for (JsonNode m : members) {
      if (m.get("pubkey").textValue().equals(pk)) {
        mine = m;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.get("role").textValue()).isEqualTo("service");
    assertThat(mine.get("write_kinds").toString()).isEqualTo("[1]");
    assertThat(mine.get("expires_at").longValue()).isEqualTo(expires);
    assertThat(mine.get("granted_by").textValue()).isEqualTo(OWNER.publicKey().hex());
    try (TestSocket s = open("family", svc)) {
      assertThat(s.publish(event(svc, 1, "note")).accepted()).isTrue();
      assertThat(s.publish(event(svc, 7, "+")).message()).startsWith("restricted:");
    }
    String past =
        api.client("family", OWNER)
            .send(
                org.hearth.nostr.nip86.Nip86Request.of(
                    HearthMethod.GRANT_ROLE, pk, "service", Map.of("expires_at", 5)))
            .error()
            .orElse("");
    assertThat(past).contains("expires_at is in the past");
    JsonNode who = api.call("family", svc, HearthMethod.WHOAMI);
    assertThat(who.get("roles").toString()).isEqualTo("[\"service\"]");
    assertThat(who.get("administers").booleanValue()).isFalse();
    call(Nip86Method.UNALLOW_PUBKEY, pk);
  }
}
