package org.hearth.relay.limits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.OWNER;
import static org.hearth.relay.support.TestKeys.event;
import static org.hearth.relay.support.TestKeys.hex;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RateLimitTest.Tight.class)
class RateLimitTest {
  /**
   * Bursts of 5 per connection and 7 per author, then one event per 100 s (no refill during a
   * test); plus a fourth relay, {@code lab}, where kind 1 is visible to its author only.
   */
  public static class Tight implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "hearth.relay.limits.connection-events-per-second", "0.01",
          "hearth.relay.limits.connection-event-burst", "5",
          "hearth.relay.limits.pubkey-events-per-second", "0.01",
          "hearth.relay.limits.pubkey-event-burst", "7",
          "hearth.relay.relays.lab.name", "Lab",
          "hearth.relay.relays.lab.members", hex(BOB),
          "hearth.relay.relays.lab.visibility.\"1\"", "author");
    }
  }

  @TestHTTPResource("/")
  URI root;

  @Test
  void connectionsAndAuthorsAreRateLimited() {
    List<RelayMessage.Ok> oks = new ArrayList<>();
    try (TestSocket s = TestSocket.open(root.getPort(), "family")) {
      s.auth(ALICE);
      for (int i = 0; i < 7; i++) {
        s.send(new ClientMessage.Publish(event(ALICE, 1, "burst " + i)));
      }
      for (int i = 0; i < 7; i++) {
        oks.add(s.next(RelayMessage.Ok.class));
      }
    }
    assertThat(oks.stream().filter(RelayMessage.Ok::accepted).count()).isEqualTo(5);
    List<RelayMessage.Ok> limited = oks.stream().filter(o -> !o.accepted()).toList();
    assertThat(limited).hasSize(2);
    assertThat(limited)
        .allSatisfy(
            o -> {
              assertThat(o.message()).startsWith("rate-limited:");
              assertThat(o.message()).contains("connection");
            });
    try (TestSocket other = TestSocket.open(root.getPort(), "family")) {
      other.auth(ALICE);
      List<RelayMessage.Ok> more = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        more.add(other.publish(event(ALICE, 1, "second connection " + i)));
      }
      assertThat(more.get(0).accepted()).isTrue();
      assertThat(more.get(1).accepted()).isTrue();
      assertThat(more.get(2).message()).startsWith("rate-limited:");
      assertThat(more.get(2).message()).contains("author");
    }
  }

  @Test
  void relaysAddedByConfigurationHaveTheirOwnMembersAndVisibility() {
    given()
        .header("Accept", "application/nostr+json")
        .get("/lab")
        .then()
        .statusCode(200)
        .body("name", is("Lab"));
    Event note = event(BOB, 1, "lab notebook");
    try (TestSocket bob = TestSocket.open(root.getPort(), "lab")) {
      bob.auth(BOB);
      assertThat(bob.publish(note).accepted()).isTrue();
    }
    Filter f = new Filter(Set.of(note.id()), null, null, null, null, null, null, null);
    try (TestSocket owner = TestSocket.open(root.getPort(), "lab")) {
      owner.auth(OWNER);
      assertThat(owner.req("r", f)).isEmpty();
    }
    try (TestSocket alice = TestSocket.open(root.getPort(), "lab")) {
      alice.auth(ALICE);
      assertThat(alice.publish(event(ALICE, 1, "not a lab member")).message())
          .startsWith("restricted:");
    }
  }
}
