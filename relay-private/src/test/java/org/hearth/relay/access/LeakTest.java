package org.hearth.relay.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.CAROL;
import static org.hearth.relay.support.TestKeys.OWNER;
import static org.hearth.relay.support.TestKeys.SERVICE;
import static org.hearth.relay.support.TestKeys.event;
import static org.hearth.relay.support.TestKeys.hex;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * For each read path (REQ, id lookup, kind-less filters, search, COUNT, live), an unauthenticated
 * client, a non-member and a member who is not a party (the owner) get nothing private: DMs (4,
 * 14), gift wraps (1059) addressed to Bob, Alice's app data (30078), and the consented
 * conversations (30970) the assistant keeps for the finetune service, which members (even the
 * conversation's own member) never read.
 */
@QuarkusTest
class LeakTest {
  /** The finetune service: a second service key, granted at runtime on /family. */
  static final LocalSigner FINETUNE = LocalSigner.generate();

  @TestHTTPResource("/")
  URI root;

  @Inject Membership membership;

  String t;
  String word;
  Event publicNote;
  List<Event> privates;
  Event dm;
  Event chat;
  Event wrap;
  Event appData;
  Event pairs;

  @BeforeEach
  void seed() {
    long now = Instant.now().getEpochSecond();
    if (!membership.isMember("family", hex(FINETUNE), now)) {
      membership
          .grant(Grant.of("family", hex(FINETUNE), Role.SERVICE, "test"))
          .await()
          .indefinitely();
    }
    t = UUID.randomUUID().toString();
    word = "w" + UUID.randomUUID().toString().replace("-", "");
    LocalSigner throwaway = LocalSigner.generate();
    publicNote = event(ALICE, 1, "public " + word, "t", t);
    dm = event(ALICE, 4, "ciphertext " + word, "p", hex(BOB), "t", t);
    chat = event(ALICE, 14, "private chat " + word, "p", hex(BOB), "t", t);
    wrap = event(throwaway, 1059, "wrapped " + word, "p", hex(BOB), "t", t);
    appData = event(ALICE, 30078, "settings " + word, "d", "app-" + t, "t", t);
    pairs =
        event(
            SERVICE,
            30970,
            "pairs " + word,
            "d",
            hex(ALICE),
            "p",
            hex(FINETUNE),
            "member",
            hex(ALICE),
            "t",
            t);
    privates = List.of(dm, chat, wrap, appData, pairs);
    try (TestSocket s = open()) {
      s.auth(ALICE);
      for (Event e : List.of(publicNote, dm, chat, wrap, appData)) {
        assertThat(s.publish(e).accepted()).as("seed %s", e.kind()).isTrue();
      }
    }
    try (TestSocket s = open()) {
      s.auth(SERVICE);
      assertThat(s.publish(pairs).accepted()).as("seed 30970").isTrue();
    }
  }

  TestSocket open() {
    return TestSocket.open(root.getPort(), "family");
  }

  List<String> privateIds() {
    return privates.stream().map(Event::id).toList();
  }

  List<Filter> readPaths() {
    return List.of(
        new Filter(null, null, null, Map.of("t", Set.of(t)), null, null, null, null),
        new Filter(Set.copyOf(privateIds()), null, null, null, null, null, null, null),
        new Filter(null, null, Set.of(4, 14, 1059, 30078, 30970), null, null, null, null, null),
        new Filter(null, Set.of(hex(ALICE)), null, null, null, null, null, null),
        new Filter(null, null, Set.of(1059), null, null, null, null, null),
        new Filter(null, null, null, Map.of("p", Set.of(hex(BOB))), null, null, null, null),
        new Filter(null, null, null, null, null, null, null, Optional.of(word)));
  }

  @Test
  void unauthenticatedAndNonMembersGetNothingOnAnyPath() {
    for (boolean asCarol : new boolean[] {false, true}) {
      try (TestSocket s = open()) {
        if (asCarol) {
          s.auth(CAROL);
        }
        String prefix = asCarol ? "restricted:" : "auth-required:";
        int i = 0;
        for (Filter f : readPaths()) {
          s.send(new ClientMessage.Req("r" + i, List.of(f)));
          assertThat(s.next(RelayMessage.Closed.class).message()).startsWith(prefix);
          s.send(new ClientMessage.Count("c" + i++, List.of(f)));
          assertThat(s.next(RelayMessage.Closed.class).message()).startsWith(prefix);
        }
      }
    }
  }

  @Test
  void aMemberWhoIsNotAPartyGetsNothingPrivateStoredOrCounted() {
    try (TestSocket s = open()) {
      s.auth(OWNER);
      int i = 0;
      for (Filter f : readPaths()) {
        List<Event> got = s.req("r" + i++, f);
        assertThat(got).extracting(Event::id).doesNotContainAnyElementsOf(privateIds());
        for (Event e : got) {
          if (e.kind() == 1059) {
            assertThat(e.tagValues("p")).contains(hex(OWNER));
          }
        }
      }
      Filter tagged = readPaths().get(0);
      s.send(new ClientMessage.Count("c", List.of(tagged)));
      assertThat(s.next(RelayMessage.CountResult.class).count()).isEqualTo(1);
      List<Event> search = s.req("s", readPaths().get(6));
      assertThat(search).extracting(Event::id).containsExactly(publicNote.id());
    }
  }

  @Test
  void partiesSeeWhatIsTheirs() {
    try (TestSocket s = open()) {
      s.auth(BOB);
      List<Event> got = s.req("r", readPaths().get(0));
      assertThat(got)
          .extracting(Event::id)
          .containsExactlyInAnyOrder(publicNote.id(), dm.id(), chat.id(), wrap.id());
      s.send(new ClientMessage.Count("c", List.of(readPaths().get(0))));
      assertThat(s.next(RelayMessage.CountResult.class).count()).isEqualTo(4);
    }
    try (TestSocket s = open()) {
      s.auth(ALICE);
      List<Event> got = s.req("r", readPaths().get(0));
      assertThat(got)
          .extracting(Event::id)
          .containsExactlyInAnyOrder(publicNote.id(), dm.id(), chat.id(), appData.id());
    }
    try (TestSocket s = open()) {
      s.auth(FINETUNE);
      for (int i : new int[] {0, 1, 2, 6}) {
        Filter f = readPaths().get(i);
        assertThat(s.req("f" + i, f)).as("%s", f).extracting(Event::id).contains(pairs.id());
      }
      assertThat(s.req("r", readPaths().get(0)))
          .extracting(Event::id)
          .containsExactlyInAnyOrder(publicNote.id(), pairs.id());
    }
  }

  @Test
  void liveDeliveryAppliesTheSameCheck() throws Exception {
    String live = UUID.randomUUID().toString();
    Filter f = new Filter(null, null, null, Map.of("t", Set.of(live)), null, null, null, null);
    try (TestSocket owner = open();
        TestSocket bob = open();
        TestSocket alice = open();
        TestSocket ft = open()) {
      owner.auth(OWNER);
      bob.auth(BOB);
      alice.auth(ALICE);
      ft.auth(FINETUNE);
      assertThat(ft.req("live", f)).isEmpty();
      assertThat(owner.req("live", f)).isEmpty();
      assertThat(bob.req("live", f)).isEmpty();
      Event newDm = event(ALICE, 4, "live dm", "p", hex(BOB), "t", live);
      Event newWrap = event(LocalSigner.generate(), 1059, "w", "p", hex(BOB), "t", live);
      Event newApp = event(ALICE, 30078, "a", "d", "x" + live, "t", live);
      Event newPairs = event(SERVICE, 30970, "p", "d", hex(BOB), "p", hex(FINETUNE), "t", live);
      Event note = event(ALICE, 1, "live public", "t", live);
      for (Event e : List.of(newDm, newWrap, newApp)) {
        assertThat(alice.publish(e).accepted()).isTrue();
      }
      try (TestSocket assistant = open()) {
        assistant.auth(SERVICE);
        assertThat(assistant.publish(newPairs).accepted()).isTrue();
      }
      assertThat(alice.publish(note).accepted()).isTrue();
      assertThat(owner.next(RelayMessage.Delivery.class).event().id()).isEqualTo(note.id());
      assertThat(owner.poll(200)).isNull();
      assertThat(
              List.of(
                  bob.next(RelayMessage.Delivery.class).event().id(),
                  bob.next(RelayMessage.Delivery.class).event().id(),
                  bob.next(RelayMessage.Delivery.class).event().id()))
          .containsExactly(newDm.id(), newWrap.id(), note.id());
      assertThat(
              List.of(
                  ft.next(RelayMessage.Delivery.class).event().id(),
                  ft.next(RelayMessage.Delivery.class).event().id()))
          .containsExactly(newPairs.id(), note.id());
    }
  }
}
