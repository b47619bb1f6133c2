package org.hearth.relay.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.CAROL;
import static org.hearth.relay.support.TestKeys.OWNER;
import static org.hearth.relay.support.TestKeys.SERVICE;
import static org.hearth.relay.support.TestKeys.event;
import static org.hearth.relay.support.TestKeys.eventAt;
import static org.hearth.relay.support.TestKeys.hex;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fine-tune kinds of docs/finetune-protocol.md under the default rules: who may write job
 * requests (5970), feedback (7000), results (6970) and consented conversations (30970), and that
 * 30970 reaches only its author and the p-tagged finetune service.
 */
@QuarkusTest
class FinetuneKindsTest {
  /** The finetune service: a second service key, granted at runtime on /family. */
  static final LocalSigner FINETUNE = LocalSigner.generate();

  /** An admin, granted at runtime on /family. */
  static final LocalSigner ADMIN = LocalSigner.generate();

  @TestHTTPResource("/")
  URI root;

  @Inject Membership membership;

  @BeforeEach
  void grants() {
    long now = Instant.now().getEpochSecond();
    if (!membership.isMember("family", hex(FINETUNE), now)) {
      membership
          .grant(Grant.of("family", hex(FINETUNE), Role.SERVICE, "test"))
          .await()
          .indefinitely();
      membership.grant(Grant.of("family", hex(ADMIN), Role.ADMIN, "test")).await().indefinitely();
    }
  }

  TestSocket open() {
    return TestSocket.open(root.getPort(), "family");
  }

  static Filter filter(
      Set<String> ids,
      Set<String> authors,
      Set<Integer> kinds,
      Map<String, Set<String>> tags,
      Long since) {
    return new Filter(
        ids,
        authors,
        kinds,
        tags,
        since == null ? OptionalLong.empty() : OptionalLong.of(since),
        OptionalLong.empty(),
        OptionalInt.empty(),
        Optional.empty());
  }

  /** A job request as the contract writes it: {@code ["param", "steps", "10"]}. */
  static Event request(LocalSigner author, String t) {
    return author.sign(
        EventTemplate.of(
            5970,
            List.of(List.of("param", "steps", "10"), List.of("p", hex(FINETUNE)), List.of("t", t)),
            ""));
  }

  private RelayMessage.Ok publish(LocalSigner as, Event e) {
    try (TestSocket s = open()) {
      s.auth(as);
      return s.publish(e);
    }
  }

  @Test
  void jobRequestsComeFromOwnersAdminsAndServicesOnly() {
    String t = UUID.randomUUID().toString();
    for (LocalSigner ok : new LocalSigner[] {OWNER, ADMIN, SERVICE}) {
      RelayMessage.Ok r = publish(ok, request(ok, t));
      assertThat(r.accepted()).as(r.message()).isTrue();
    }
    RelayMessage.Ok refused = publish(ALICE, request(ALICE, t));
    assertThat(refused.accepted()).isFalse();
    assertThat(refused.message())
        .isEqualTo(
            "restricted: only owner, admin or service keys may write kind 5970"
                + " (fine-tune job requests) here");
    try (TestSocket bob = open()) {
      bob.auth(BOB);
      assertThat(bob.req("r", filter(null, null, Set.of(5970), Map.of("t", Set.of(t)), null)))
          .as("members read job requests as usual")
          .hasSize(3);
    }
  }

  @Test
  void feedbackResultsAndConversationsComeFromServiceKeysOnly() {
    for (int kind : new int[] {7000, 6970, 30970}) {
      for (LocalSigner refused : new LocalSigner[] {OWNER, ADMIN, ALICE}) {
        RelayMessage.Ok r =
            publish(refused, event(refused, kind, "x", "d", "m", "p", hex(FINETUNE)));
        assertThat(r.accepted()).as("kind %d by a non-service key", kind).isFalse();
        assertThat(r.message())
            .startsWith("restricted: only service keys may write kind " + kind + " (");
      }
      Event e = event(FINETUNE, kind, "x", "d", "m" + kind, "p", hex(SERVICE));
      assertThat(publish(FINETUNE, e).accepted()).as("kind %d by a service key", kind).isTrue();
    }
  }

  @Test
  void consentedConversationsReachOnlyTheAssistantAndTheFinetuneService() throws Exception {
    long at = Instant.now().getEpochSecond() - 20;
    String member = hex(BOB);
    Event pairs =
        eventAt(
            SERVICE,
            30970,
            at,
            "nip44-ciphertext",
            "d",
            member,
            "p",
            hex(FINETUNE),
            "member",
            member);
    assertThat(publish(SERVICE, pairs).accepted()).isTrue();

    List<Filter> shapes =
        List.of(
            filter(null, null, Set.of(30970), null, at - 1),
            filter(null, null, null, Map.of("p", Set.of(hex(FINETUNE))), at - 1),
            filter(null, null, Set.of(30970), Map.of("p", Set.of(hex(FINETUNE))), null),
            filter(null, Set.of(hex(SERVICE)), null, Map.of("d", Set.of(member)), null),
            filter(Set.of(pairs.id()), null, null, null, null),
            filter(null, null, null, null, at - 1));
    try (TestSocket ft = open();
        TestSocket assistant = open()) {
      ft.auth(FINETUNE);
      assistant.auth(SERVICE);
      int i = 0;
      for (Filter f : shapes) {
        assertThat(ft.req("f" + i, f))
            .as("finetune service, %s", f)
            .extracting(Event::id)
            .contains(pairs.id());
        assertThat(assistant.req("a" + i++, f))
            .as("assistant, %s", f)
            .extracting(Event::id)
            .contains(pairs.id());
      }
      ft.send(new ClientMessage.Count("c", List.of(shapes.get(3))));
      assertThat(ft.next(RelayMessage.CountResult.class).count()).isEqualTo(1);
    }
    for (LocalSigner reader : new LocalSigner[] {OWNER, ADMIN, ALICE, BOB}) {
      try (TestSocket s = open()) {
        s.auth(reader);
        int i = 0;
        for (Filter f : shapes) {
          assertThat(s.req("r" + i++, f))
              .as("%s", f)
              .extracting(Event::id)
              .doesNotContain(pairs.id());
        }
        s.send(new ClientMessage.Count("c", List.of(shapes.get(3))));
        assertThat(s.next(RelayMessage.CountResult.class).count()).isZero();
      }
    }
    for (LocalSigner outsider : new LocalSigner[] {null, CAROL}) {
      try (TestSocket s = open()) {
        if (outsider != null) {
          s.auth(outsider);
        }
        int i = 0;
        for (Filter f : shapes) {
          s.send(new ClientMessage.Req("r" + i++, List.of(f)));
          assertThat(s.next(RelayMessage.Closed.class).message())
              .startsWith(outsider == null ? "auth-required:" : "restricted:");
        }
      }
    }
  }

  @Test
  void theRulesAreListedInTheRelayDocument() {
    given()
        .header("Accept", "application/nostr+json")
        .when()
        .get("/family")
        .then()
        .statusCode(200)
        .body("hearth_write_policies", hasItems("member-writer", "kind-writers"))
        .body("hearth_kind_writers.5970", contains("owner", "admin", "service"))
        .body("hearth_kind_writers.7000", contains("service"))
        .body("hearth_kind_writers.6970", contains("service"))
        .body("hearth_kind_writers.30970", contains("service"))
        .body("hearth_visibility.30970", is("parties"))
        .body("hearth_visibility.4", is("parties"))
        .body("hearth_visibility.30078", is("author"));
  }
}
