package org.hearth.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.OWNER;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.Nip86Method;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NIP-43: the member list signed by the relay's key, invites, join and leave requests. */
@QuarkusTest
class Nip43Test {
  @TestHTTPResource("/")
  URI root;

  @Inject Pool pool;

  AdminApi api;

  @BeforeEach
  void setUp() {
    api = new AdminApi(root.getPort());
  }

  private TestSocket open(LocalSigner as) {
    TestSocket s = TestSocket.open(root.getPort(), "family");
    assertThat(s.auth(as).accepted()).isTrue();
    return s;
  }

  private String self() {
    return RestAssured.given()
        .port(root.getPort())
        .header("Accept", "application/nostr+json")
        .get("/family")
        .jsonPath()
        .getString("self");
  }

  private static Event request(LocalSigner s, int kind, String... claim) {
    List<List<String>> tags =
        claim.length == 0
            ? List.of(List.of("-"))
            : List.of(List.of("-"), List.of("claim", claim[0]));
    return s.sign(EventTemplate.of(kind, tags, ""));
  }

  private Event memberList(TestSocket s) {
    List<Event> lists =
        s.req("m", new Filter(null, null, Set.of(13534), null, null, null, null, null));
    assertThat(lists).hasSize(1);
    return lists.getFirst();
  }

  @Test
  void everyRelayPublishesItsMemberListAtStart() {
    try (TestSocket s = TestSocket.open(root.getPort(), "work")) {
      assertThat(s.auth(ALICE).accepted()).isTrue();
      Event list = memberList(s);
      assertThat(list.pubkey()).isEqualTo(self());
      assertThat(list.tags()).contains(List.of("member", ALICE.publicKey().hex(), "member"));
    }
  }

  @Test
  void theMemberListIsSignedByTheRelayAndFollowsChanges() {
    LocalSigner x = AdminApi.freshKey();
    String pk = x.publicKey().hex();
    api.call("family", OWNER, Nip86Method.ALLOW_PUBKEY, pk);
    try (TestSocket s = open(ALICE)) {
      Event list = memberList(s);
      assertThat(list.pubkey()).isEqualTo(self());
      assertThat(list.verify()).isTrue();
      assertThat(list.tags()).contains(List.of("-"), List.of("member", pk, "member"));
      assertThat(list.tags()).contains(List.of("member", OWNER.publicKey().hex(), "owner"));
      List<Event> added =
          s.req(
              "a",
              new Filter(
                  null,
                  null,
                  Set.of(8000),
                  java.util.Map.of("p", Set.of(pk)),
                  null,
                  null,
                  null,
                  null));
      assertThat(added).hasSize(1);
    }
    api.call("family", OWNER, Nip86Method.UNALLOW_PUBKEY, pk);
    try (TestSocket s = open(ALICE)) {
      assertThat(memberList(s).tags()).noneMatch(t -> t.size() > 1 && t.get(1).equals(pk));
    }
  }

  @Test
  void invitesAdmitOnceAndCanBeRevoked() {
    JsonNode invite = api.call("family", OWNER, HearthMethod.CREATE_INVITE, "member", 3600);
    String code = invite.get("code").textValue();
    assertThat(invite.get("role").textValue()).isEqualTo("member");
    LocalSigner joiner = AdminApi.freshKey();
    LocalSigner late = AdminApi.freshKey();
    try (TestSocket s = TestSocket.open(root.getPort(), "family")) {
      RelayMessage.Ok ok = s.publish(request(joiner, 28934, code));
      assertThat(ok.accepted()).isTrue();
      assertThat(ok.message()).isEqualTo("info: welcome to Family!");
      RelayMessage.Ok again = s.publish(request(joiner, 28934, code));
      assertThat(again.message()).isEqualTo("duplicate: you are already a member of this relay.");
      RelayMessage.Ok used = s.publish(request(late, 28934, code));
      assertThat(used.accepted()).isFalse();
      assertThat(used.message()).isEqualTo("restricted: that is an invalid invite code.");
      assertThat(s.publish(request(late, 28934, "nonsense")).message())
          .isEqualTo("restricted: that is an invalid invite code.");
    }
    try (TestSocket s = open(joiner)) {
      assertThat(s.publish(TestKeysEvent.note(joiner)).accepted()).isTrue();
      assertThat(s.publish(request(joiner, 28936)).message())
          .isEqualTo("info: you have left this relay.");
      assertThat(s.publish(TestKeysEvent.note(joiner)).message()).startsWith("restricted:");
    }
    JsonNode list = api.call("family", OWNER, HearthMethod.LIST_INVITES);
    assertThat(list.toString()).contains(code).contains("\"state\":\"used\"");

    String revoked = api.call("family", OWNER, HearthMethod.CREATE_INVITE).get("code").textValue();
    api.call("family", OWNER, HearthMethod.REVOKE_INVITE, revoked);
    try (TestSocket s = TestSocket.open(root.getPort(), "family")) {
      assertThat(s.publish(request(late, 28934, revoked)).message())
          .isEqualTo("restricted: that is an invalid invite code.");
    }
  }

  @Test
  void expiredInvitesAndStaleRequestsAreRefused() {
    String code = api.call("family", OWNER, HearthMethod.CREATE_INVITE).get("code").textValue();
    pool.preparedQuery("UPDATE invite SET expires_at = $2 WHERE code = $1")
        .execute(Tuple.of(code, Instant.now().getEpochSecond() - 10))
        .await()
        .indefinitely();
    LocalSigner x = AdminApi.freshKey();
    try (TestSocket s = TestSocket.open(root.getPort(), "family")) {
      assertThat(s.publish(request(x, 28934, code)).message())
          .isEqualTo("restricted: that invite code is expired.");
      Event stale =
          x.sign(
              new EventTemplate(
                  28934,
                  List.of(List.of("claim", code)),
                  "",
                  Instant.now().getEpochSecond() - 3600));
      assertThat(s.publish(stale).message()).startsWith("invalid: created_at");
    }
    assertThat(
            api.client("family", OWNER)
                .send(
                    org.hearth.nostr.nip86.Nip86Request.of(HearthMethod.CREATE_INVITE, "owner", 60))
                .error())
        .hasValueSatisfying(e -> assertThat(e).contains("cannot grant the owner role"));
  }

  /** A plain note. */
  static final class TestKeysEvent {
    static Event note(LocalSigner s) {
      return s.sign(EventTemplate.of(1, List.of(), "hello"));
    }
  }
}
