package org.hearth.relay.ws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.event;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.Test;

/** Malformed input, unknown relays, NIP-11. */
@QuarkusTest
class RobustnessTest {
  @TestHTTPResource("/")
  URI root;

  @Test
  void malformedFramesGetClearAnswersAndTheConnectionKeepsWorking() {
    try (TestSocket s = TestSocket.open(root.getPort(), "family")) {
      s.auth(ALICE);
      for (String bad :
          List.of(
              "garbage",
              "{}",
              "[]",
              "[1,2,3]",
              "[\"NOPE\"]",
              "[\"REQ\"]",
              "[\"REQ\",\"\",{}]",
              "[\"REQ\",\"" + "x".repeat(65) + "\",{}]",
              "[\"CLOSE\",5]",
              "[\"EVENT\",{\"id\":1}]")) {
        s.sendRaw(bad);
        RelayMessage m = s.next();
        assertThat(m).as(bad).isInstanceOf(RelayMessage.Notice.class);
        assertThat(((RelayMessage.Notice) m).message()).startsWith("invalid:");
      }
      // A bad REQ or COUNT with a usable subscription id: CLOSED for that id, with the reason.
      for (String bad :
          List.of(
              "[\"REQ\",\"x\",{\"kinds\":\"one\"}]",
              "[\"REQ\",\"x\"]",
              "[\"COUNT\",\"c\"]",
              "[\"COUNT\",\"c\",{\"since\":-1}]")) {
        s.sendRaw(bad);
        RelayMessage m = s.next();
        assertThat(m).as(bad).isInstanceOf(RelayMessage.Closed.class);
        RelayMessage.Closed closed = (RelayMessage.Closed) m;
        assertThat(closed.subscriptionId()).as(bad).isEqualTo(bad.contains("COUNT") ? "c" : "x");
        assertThat(closed.message()).as(bad).startsWith("invalid:");
      }
      assertThat(s.publish(event(ALICE, 1, "still alive")).accepted()).isTrue();
    }
  }

  @Test
  void aMalformedReqEndsTheSubscriptionItsIdNamed() throws InterruptedException {
    try (TestSocket sub = TestSocket.open(root.getPort(), "family");
        TestSocket pub = TestSocket.open(root.getPort(), "family")) {
      sub.auth(ALICE);
      pub.auth(ALICE);
      Filter notes = new Filter(null, null, Set.of(1), null, null, null, OptionalInt.of(0), null);
      assertThat(sub.req("live", notes)).isEmpty();
      Event first = event(ALICE, 1, "reaches the live subscription");
      assertThat(pub.publish(first).accepted()).isTrue();
      RelayMessage.Delivery d = sub.next(RelayMessage.Delivery.class);
      assertThat(d.subscriptionId()).isEqualTo("live");
      assertThat(d.event().id()).isEqualTo(first.id());

      sub.sendRaw("[\"REQ\",\"live\",{\"limit\":\"ten\"}]");
      RelayMessage.Closed closed = sub.next(RelayMessage.Closed.class);
      assertThat(closed.subscriptionId()).isEqualTo("live");
      assertThat(closed.message()).startsWith("invalid:").contains("limit");

      assertThat(pub.publish(event(ALICE, 1, "after the bad REQ")).accepted()).isTrue();
      assertThat(sub.poll(500)).as("nothing more on the closed subscription").isNull();
    }
  }

  @Test
  void malformedEventWithAnIdGetsOkFalse() {
    try (TestSocket s = TestSocket.open(root.getPort(), "family")) {
      String id = "ab".repeat(32);
      s.sendRaw("[\"EVENT\",{\"id\":\"" + id + "\",\"kind\":\"x\"}]");
      RelayMessage.Ok ok = s.next(RelayMessage.Ok.class);
      assertThat(ok.eventId()).isEqualTo(id);
      assertThat(ok.accepted()).isFalse();
      assertThat(ok.message()).startsWith("invalid:");
    }
  }

  @Test
  void oversizedAndRandomFramesAreRejectedWithoutHarm() {
    try (TestSocket s = TestSocket.open(root.getPort(), "family")) {
      s.auth(ALICE);
      s.sendRaw("[\"EVENT\"," + "\"" + "x".repeat(300_000) + "\"]");
      assertThat(s.next(RelayMessage.Notice.class).message()).contains("larger than");
      Random r = new Random(42);
      for (int i = 0; i < 500; i++) {
        byte[] b = new byte[1 + r.nextInt(200)];
        r.nextBytes(b);
        s.sendRaw("[\"" + (i % 2 == 0 ? "REQ" : "EVENT") + "\"," + new String(b) + "]");
      }
      Event e = event(ALICE, 1, "after the storm");
      s.send(new ClientMessage.Publish(e));
      int notices = 0;
      RelayMessage m;
      while (!((m = s.next()) instanceof RelayMessage.Ok o && o.eventId().equals(e.id()))) {
        assertThat(m).isInstanceOfAny(RelayMessage.Notice.class, RelayMessage.Ok.class);
        notices++;
      }
      assertThat(notices).isEqualTo(500);
      assertThat(((RelayMessage.Ok) m).accepted()).isTrue();
    }
  }

  @Test
  void unknownRelayIsRefusedBeforeTheUpgrade() {
    assertThatThrownBy(() -> TestSocket.open(root.getPort(), "nope"))
        .hasStackTraceContaining("404");
  }

  @Test
  void nip11DocumentIsServedAtTheRelayUrl() {
    given()
        .header("Accept", "application/nostr+json")
        .when()
        .get("/family")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", "*")
        .body("name", is("Family"))
        .body("limitation.auth_required", is(true))
        .body("limitation.restricted_writes", is(true))
        .body("supported_nips", hasItems(1, 9, 11, 40, 42, 45, 50, 70))
        .body(
            "pubkey",
            is(org.hearth.relay.support.TestKeys.hex(org.hearth.relay.support.TestKeys.OWNER)));
    given().header("Accept", "application/nostr+json").when().get("/nope").then().statusCode(404);
  }

  @Test
  void metricsCountEventsByOutcome() {
    try (TestSocket s = TestSocket.open(root.getPort(), "work")) {
      s.publish(event(ALICE, 1, "unauthenticated"));
    }
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            org.hamcrest.Matchers.containsString(
                "hearth_relay_events_total{relay=\"work\",result=\"auth-required\"}"))
        .body(org.hamcrest.Matchers.containsString("hearth_relay_connections"));
  }
}
