package org.hearth.relay.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.CAROL;
import static org.hearth.relay.support.TestKeys.OWNER;
import static org.hearth.relay.support.TestKeys.SERVICE;
import static org.hearth.relay.support.TestKeys.eventAt;
import static org.hearth.relay.support.TestKeys.hex;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.Test;

/**
 * The leak matrix: every private kind (DMs 4 and 14, seals 13, gift wraps 1059, app data 30078,
 * consented conversations 30970) times every read path (stored REQ with ten filter shapes, id
 * lookup, search, COUNT of each, live delivery) times every outsider: an unauthenticated client, a
 * non-member (Carol), a member who is not a party (the owner), for app data even a p-tagged member
 * (Bob), and for consented conversations every member, the conversation's own member (Alice)
 * included. Each gets nothing private; a filter that names no kind does not slip past the kind
 * rules. The p-tagged finetune service reads the conversations and nothing else private.
 */
@QuarkusTest
class LeakMatrixTest {
  /** The finetune service: a second service key, granted at runtime on /family. */
  static final LocalSigner FINETUNE = LocalSigner.generate();

  @TestHTTPResource("/")
  URI root;

  @Inject Membership membership;

  private TestSocket open() {
    return TestSocket.open(root.getPort(), "family");
  }

  private static Filter filter(
      Set<String> ids,
      Set<String> authors,
      Set<Integer> kinds,
      Map<String, Set<String>> tags,
      Long since,
      Long until,
      String search) {
    return new Filter(
        ids,
        authors,
        kinds,
        tags,
        since == null ? OptionalLong.empty() : OptionalLong.of(since),
        until == null ? OptionalLong.empty() : OptionalLong.of(until),
        OptionalInt.empty(),
        Optional.ofNullable(search));
  }

  /** Every filter shape that could match the private events of this run. */
  private static List<Filter> paths(List<Event> privates, String t, String word, long at) {
    List<String> ids = privates.stream().map(Event::id).toList();
    Set<String> authors = Set.of(hex(ALICE), privates.get(3).pubkey(), hex(SERVICE));
    return List.of(
        filter(Set.copyOf(ids), null, null, null, null, null, null),
        filter(null, authors, null, null, null, null, null),
        filter(null, null, Set.of(4, 13, 14, 1059, 30078, 30970), null, null, null, null),
        filter(null, null, null, Map.of("t", Set.of(t)), null, null, null),
        filter(
            null,
            null,
            null,
            Map.of("p", Set.of(hex(BOB), hex(OWNER), hex(FINETUNE))),
            null,
            null,
            null),
        filter(null, null, null, Map.of("d", Set.of("app-" + t, hex(ALICE))), null, null, null),
        filter(null, null, null, null, at - 1, at + 1, null),
        filter(null, null, Set.of(1059), Map.of("p", Set.of(hex(BOB))), null, null, null),
        filter(null, null, null, null, null, null, word),
        filter(null, authors, Set.of(30078), null, at - 1, null, null));
  }

  /** Every frame that arrives until the socket has been quiet for half a second. */
  private static List<RelayMessage.Delivery> drain(TestSocket s) throws InterruptedException {
    List<RelayMessage.Delivery> out = new ArrayList<>();
    RelayMessage m;
    while ((m = s.poll(500)) != null) {
      assertThat(m).isInstanceOf(RelayMessage.Delivery.class);
      out.add((RelayMessage.Delivery) m);
    }
    return out;
  }

  @Test
  void noOutsiderGetsAPrivateEventOnAnyReadPath() throws InterruptedException {
    String t = UUID.randomUUID().toString();
    String word = "leak" + UUID.randomUUID().toString().replace("-", "");
    long at = Instant.now().getEpochSecond() - 30;
    LocalSigner throwaway = LocalSigner.generate();
    Event dm = eventAt(ALICE, 4, at, "cipher " + word, "p", hex(BOB), "t", t);
    Event seal = eventAt(ALICE, 13, at, "sealed " + word, "p", hex(BOB), "t", t);
    Event chat = eventAt(ALICE, 14, at, "chat " + word, "p", hex(BOB), "t", t);
    Event wrap = eventAt(throwaway, 1059, at, "wrap " + word, "p", hex(BOB), "t", t);
    Event app = eventAt(ALICE, 30078, at, "app " + word, "d", "app-" + t, "p", hex(BOB), "t", t);
    Event pairs =
        eventAt(
            SERVICE,
            30970,
            at,
            "pairs " + word,
            "d",
            hex(ALICE),
            "p",
            hex(FINETUNE),
            "member",
            hex(ALICE),
            "t",
            t);
    List<Event> privates = List.of(dm, seal, chat, wrap, app, pairs);
    membership
        .grant(Grant.of("family", hex(FINETUNE), Role.SERVICE, "test"))
        .await()
        .indefinitely();
    try (TestSocket alice = open();
        TestSocket assistant = open()) {
      alice.auth(ALICE);
      assistant.auth(SERVICE);
      for (Event e : privates) {
        TestSocket by = e.kind() == 30970 ? assistant : alice;
        assertThat(by.publish(e).accepted()).as("seed kind %d", e.kind()).isTrue();
      }
    }
    List<String> privateIds = privates.stream().map(Event::id).toList();
    List<Filter> paths = paths(privates, t, word, at);

    for (LocalSigner outsider : new LocalSigner[] {null, CAROL}) {
      try (TestSocket s = open()) {
        String prefix = outsider == null ? "auth-required:" : "restricted:";
        if (outsider != null) {
          s.auth(outsider);
        }
        int i = 0;
        for (Filter f : paths) {
          s.send(new ClientMessage.Req("r" + i, List.of(f)));
          assertThat(s.next(RelayMessage.Closed.class).message())
              .as("REQ %s", f)
              .startsWith(prefix);
          s.send(new ClientMessage.Count("c" + i++, List.of(f)));
          assertThat(s.next(RelayMessage.Closed.class).message())
              .as("COUNT %s", f)
              .startsWith(prefix);
        }
      }
    }

    try (TestSocket owner = open();
        TestSocket bob = open();
        TestSocket alice = open();
        TestSocket ft = open()) {
      owner.auth(OWNER);
      bob.auth(BOB);
      alice.auth(ALICE);
      ft.auth(FINETUNE);
      int i = 0;
      for (Filter f : paths) {
        assertThat(alice.req("a" + i, f))
            .as("alice, the conversation's member, never reads it: %s", f)
            .extracting(Event::id)
            .doesNotContain(pairs.id());
        List<String> ftSees = ft.req("f" + i, f).stream().map(Event::id).toList();
        assertThat(ftSees)
            .as("the finetune service reads nothing private but the conversation: %s", f)
            .doesNotContain(dm.id(), seal.id(), chat.id(), wrap.id(), app.id());
        if (f.kinds() == null || f.kinds().contains(30970)) {
          assertThat(ftSees).as("the finetune service reads it: %s", f).contains(pairs.id());
        }
        List<Event> ownerSees = owner.req("o" + i, f);
        assertThat(ownerSees).extracting(Event::id).doesNotContainAnyElementsOf(privateIds);
        owner.send(new ClientMessage.Count("oc" + i, List.of(f)));
        long ownerCount = owner.next(RelayMessage.CountResult.class).count();
        assertThat(ownerCount)
            .as("owner COUNT %s counts only what REQ shows", f)
            .isEqualTo(ownerSees.size());
        List<String> bobSees = bob.req("b" + i++, f).stream().map(Event::id).toList();
        assertThat(bobSees)
            .as("bob, p-tagged, never sees Alice's app data")
            .doesNotContain(app.id(), pairs.id());
      }
      assertThat(bob.req("all", paths.get(0)))
          .extracting(Event::id)
          .containsExactlyInAnyOrder(dm.id(), seal.id(), chat.id(), wrap.id());

      Filter live = filter(null, null, null, Map.of("t", Set.of(t + "-live")), null, null, null);
      Filter liveNoKind =
          filter(null, null, null, null, Instant.now().getEpochSecond() - 5, null, null);
      assertThat(owner.req("live", live)).isEmpty();
      assertThat(owner.req("live2", liveNoKind))
          .extracting(Event::id)
          .doesNotContainAnyElementsOf(privateIds);
      assertThat(bob.req("live", live)).isEmpty();
      assertThat(ft.req("live", live)).isEmpty();
      assertThat(alice.req("live", live)).isEmpty();
      List<Event> fresh = new ArrayList<>();
      long now = Instant.now().getEpochSecond();
      fresh.add(eventAt(ALICE, 4, now, "live dm", "p", hex(BOB), "t", t + "-live"));
      fresh.add(eventAt(ALICE, 13, now, "live seal", "p", hex(BOB), "t", t + "-live"));
      fresh.add(
          eventAt(LocalSigner.generate(), 1059, now, "live wrap", "p", hex(BOB), "t", t + "-live"));
      fresh.add(
          eventAt(ALICE, 30078, now, "live app", "d", "l" + t, "p", hex(BOB), "t", t + "-live"));
      fresh.add(
          eventAt(
              SERVICE,
              30970,
              now,
              "live pairs",
              "d",
              hex(BOB),
              "p",
              hex(FINETUNE),
              "t",
              t + "-live"));
      try (TestSocket writer = open();
          TestSocket assistant = open()) {
        writer.auth(ALICE);
        assistant.auth(SERVICE);
        for (Event e : fresh) {
          TestSocket by = e.kind() == 30970 ? assistant : writer;
          assertThat(by.publish(e).accepted()).isTrue();
        }
      }
      // Bob's and the owner's subscriptions from every path above are still open: live delivery
      // is checked on all of them at once.
      List<RelayMessage.Delivery> bobGot = drain(bob);
      List<RelayMessage.Delivery> ownerGot = drain(owner);
      List<RelayMessage.Delivery> aliceGot = drain(alice);
      List<RelayMessage.Delivery> ftGot = drain(ft);
      List<String> freshIds = fresh.stream().map(Event::id).toList();
      assertThat(ownerGot).extracting(d -> d.event().id()).doesNotContainAnyElementsOf(freshIds);
      assertThat(bobGot)
          .extracting(d -> d.event().id())
          .doesNotContain(fresh.get(3).id(), fresh.get(4).id());
      assertThat(aliceGot).extracting(d -> d.event().id()).doesNotContain(fresh.get(4).id());
      assertThat(ftGot.stream().filter(d -> d.subscriptionId().equals("live")))
          .extracting(d -> d.event().id())
          .containsExactly(fresh.get(4).id());
      assertThat(bobGot.stream().filter(d -> d.subscriptionId().equals("live")))
          .extracting(d -> d.event().id())
          .containsExactly(fresh.get(0).id(), fresh.get(1).id(), fresh.get(2).id());
    }
  }
}
