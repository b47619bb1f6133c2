package org.hearth.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.OWNER;
import static org.hearth.relay.support.TestKeys.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionException;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.Nip86Method;
import org.hearth.relay.support.TestSocket;
import org.hearth.relay.support.TestSql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event moderation, kinds, IPs, relay information and stats through NIP-86. */
@QuarkusTest
class ModerationAdminTest {
  @TestHTTPResource("/")
  URI root;

  AdminApi api;

  @Inject Pool pool;

  @BeforeEach
  void setUp() {
    api = new AdminApi(root.getPort());
  }

  private TestSocket open(String relay, LocalSigner as) {
    TestSocket s = TestSocket.open(root.getPort(), relay);
    assertThat(s.auth(as).accepted()).isTrue();
    return s;
  }

  private JsonNode call(String relay, Nip86Method m, Object... params) {
    return api.call(relay, OWNER, m, params);
  }

  private static Filter byId(String id) {
    return new Filter(java.util.Set.of(id), null, null, java.util.Map.of(), null, null, null, null);
  }

  @Test
  void aBannedEventTakesItsTagsWithIt() {
    Event bad = event(ALICE, 1, "tagged and awful", "t", "banned-" + System.nanoTime());
    try (TestSocket a = open("family", ALICE)) {
      assertThat(a.publish(bad).accepted()).isTrue();
    }
    assertThat(tagRows(bad)).isEqualTo(1);
    call("family", Nip86Method.BAN_EVENT, bad.id(), "abuse");
    assertThat(tagRows(bad)).isZero();
  }

  private long tagRows(Event e) {
    return TestSql.count(
        pool,
        "SELECT count(*) FROM event_tag WHERE relay = $1 AND event_id = $2",
        "family",
        e.id());
  }

  @Test
  void reportedEventsNeedModerationAndBannedOnesAreGoneForGood() {
    Event bad = event(ALICE, 1, "something awful");
    Event fine = event(ALICE, 1, "something fine");
    try (TestSocket a = open("family", ALICE);
        TestSocket b = open("family", BOB)) {
      assertThat(a.publish(bad).accepted()).isTrue();
      assertThat(a.publish(fine).accepted()).isTrue();
      assertThat(b.publish(event(BOB, 1984, "spam", "e", bad.id())).accepted()).isTrue();
      assertThat(b.publish(event(BOB, 1984, "nudity", "e", fine.id())).accepted()).isTrue();
    }
    JsonNode open = call("family", Nip86Method.LIST_EVENTS_NEEDING_MODERATION);
    assertThat(open.findValuesAsText("id")).contains(bad.id(), fine.id());
    assertThat(open.toString()).contains("{\"id\":\"" + bad.id() + "\",\"reason\":\"spam\"}");

    call("family", Nip86Method.BAN_EVENT, bad.id(), "abuse");
    call("family", Nip86Method.ALLOW_EVENT, fine.id());
    open = call("family", Nip86Method.LIST_EVENTS_NEEDING_MODERATION);
    assertThat(open.findValuesAsText("id")).doesNotContain(bad.id(), fine.id());
    assertThat(call("family", Nip86Method.LIST_BANNED_EVENTS).toString())
        .contains("{\"id\":\"" + bad.id() + "\",\"reason\":\"abuse\"}");
    try (TestSocket a = open("family", ALICE)) {
      assertThat(a.req("q", byId(bad.id()))).isEmpty();
      assertThat(a.req("q2", byId(fine.id()))).hasSize(1);
      assertThat(a.publish(bad).message()).startsWith("blocked:");
    }
  }

  @Test
  void allowedAndDisallowedKindsApplyToWrites() {
    assertThat(call("work", Nip86Method.LIST_ALLOWED_KINDS)).isEmpty();
    call("work", Nip86Method.ALLOW_KIND, 1);
    assertThat(call("work", Nip86Method.LIST_ALLOWED_KINDS).toString()).isEqualTo("[1]");
    try (TestSocket a = open("work", ALICE)) {
      assertThat(a.publish(event(ALICE, 1, "ok")).accepted()).isTrue();
      assertThat(a.publish(event(ALICE, 7, "+")).message())
          .isEqualTo("blocked: kind 7 is not accepted here");
    }
    call("work", Nip86Method.DISALLOW_KIND, 1);
    assertThat(call("work", Nip86Method.LIST_ALLOWED_KINDS)).isEmpty();
    try (TestSocket a = open("work", ALICE)) {
      assertThat(a.publish(event(ALICE, 1, "no")).message()).startsWith("blocked:");
      assertThat(a.publish(event(ALICE, 7, "+")).accepted()).isTrue();
    }
    call("work", Nip86Method.ALLOW_KIND, 1);
    try (TestSocket a = open("work", ALICE)) {
      assertThat(a.publish(event(ALICE, 1, "back")).accepted()).isTrue();
      assertThat(a.publish(event(ALICE, 7, "-")).accepted()).isTrue();
    }
  }

  @Test
  void blockedIpsCannotConnect() throws Exception {
    call("personal", Nip86Method.BLOCK_IP, "10.20.30.40", "scanner");
    try (TestSocket alreadyOpen = TestSocket.open(root.getPort(), "personal");
        TestSocket otherRelay = TestSocket.open(root.getPort(), "family")) {
      alreadyOpen.challenge();
      otherRelay.challenge();
      call("personal", Nip86Method.BLOCK_IP, "127.0.0.1");
      RelayMessage m = alreadyOpen.poll(10_000);
      assertThat(m).isInstanceOf(RelayMessage.Notice.class);
      assertThat(((RelayMessage.Notice) m).message()).startsWith("blocked:");
      long deadline = System.currentTimeMillis() + 10_000;
      while (!alreadyOpen.isClosed() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(alreadyOpen.isClosed()).isTrue();
      assertThat(otherRelay.isClosed()).isFalse();
    }
    assertThat(call("personal", Nip86Method.LIST_BLOCKED_IPS).toString())
        .contains("{\"ip\":\"10.20.30.40\",\"reason\":\"scanner\"}")
        .contains("\"127.0.0.1\"");
    URI ws = URI.create("ws://localhost:" + root.getPort() + "/personal");
    WebSocket.Listener noop = new WebSocket.Listener() {};
    HttpClient http = HttpClient.newHttpClient();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> http.newWebSocketBuilder().buildAsync(ws, noop).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            java.net.http.WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    call("personal", Nip86Method.UNBLOCK_IP, "127.0.0.1");
    http.newWebSocketBuilder().buildAsync(ws, noop).join().abort();
    assertThat(call("personal", Nip86Method.LIST_BLOCKED_IPS).findValuesAsText("ip"))
        .containsExactly("10.20.30.40");
    call("personal", Nip86Method.UNBLOCK_IP, "10.20.30.40");
  }

  @Test
  void nameDescriptionAndIconShowInNip11() {
    call("personal", Nip86Method.CHANGE_RELAY_NAME, "Ma vie");
    call("personal", Nip86Method.CHANGE_RELAY_DESCRIPTION, "private notes");
    call("personal", Nip86Method.CHANGE_RELAY_ICON, "https://hearth.example/icon.png");
    String doc =
        RestAssured.given()
            .port(root.getPort())
            .header("Accept", "application/nostr+json")
            .get("/personal")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(doc)
        .contains("\"name\":\"Ma vie\"")
        .contains("\"description\":\"private notes\"")
        .contains("\"icon\":\"https://hearth.example/icon.png\"")
        .contains("\"self\":\"")
        .containsPattern("\"supported_nips\":\\[[0-9,]*43,[0-9,]*86");
    String bad =
        api.client("personal", OWNER)
            .send(
                org.hearth.nostr.nip86.Nip86Request.of(
                    Nip86Method.CHANGE_RELAY_ICON, "javascript:alert(1)"))
            .error()
            .orElse("");
    assertThat(bad).isEqualTo("invalid: the icon must be an http(s) URL");
    call("personal", Nip86Method.CHANGE_RELAY_NAME, "Personal");
    call("personal", Nip86Method.CHANGE_RELAY_DESCRIPTION, "One person's private relay");
  }

  @Test
  void statsCountEventsConnectionsAndMembers() {
    try (TestSocket a = open("family", ALICE)) {
      a.publish(event(ALICE, 1, "counted"));
      JsonNode stats = api.call("family", OWNER, HearthMethod.RELAY_STATS);
      assertThat(stats.get("events").longValue()).isPositive();
      assertThat(stats.get("connections").intValue()).isPositive();
      assertThat(stats.get("members").intValue()).isGreaterThanOrEqualTo(4);
    }
    assertThat(call("family", Nip86Method.LIST_ALLOWED_KINDS)).isEmpty();
  }
}
