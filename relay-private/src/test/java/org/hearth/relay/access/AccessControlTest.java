package org.hearth.relay.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.CAROL;
import static org.hearth.relay.support.TestKeys.DAVE;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.nostr.nip42.Nip42;
import org.hearth.relay.config.Relays;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessControlTest {
  @TestHTTPResource("/")
  URI root;

  @Inject Membership membership;
  @Inject ReadAccess access;
  @Inject Relays relays;

  TestSocket open(String relay) {
    return TestSocket.open(root.getPort(), relay);
  }

  static Filter byTag(String t) {
    return new Filter(null, null, null, Map.of("t", Set.of(t)), null, null, null, null);
  }

  @Test
  void unauthenticatedClientsCanNeitherWriteNorRead() {
    try (TestSocket s = open("family")) {
      RelayMessage.Ok ok = s.publish(event(ALICE, 1, "hi"));
      assertThat(ok.accepted()).isFalse();
      assertThat(ok.message()).startsWith("auth-required:");
      s.send(new ClientMessage.Req("r", List.of(Filter.all())));
      assertThat(s.next(RelayMessage.Closed.class).message()).startsWith("auth-required:");
      s.send(new ClientMessage.Count("c", List.of(Filter.all())));
      assertThat(s.next(RelayMessage.Closed.class).message()).startsWith("auth-required:");
    }
  }

  @Test
  void nonMembersAreRestricted() {
    try (TestSocket s = open("family")) {
      assertThat(s.auth(CAROL).accepted()).isTrue();
      RelayMessage.Ok ok = s.publish(event(CAROL, 1, "let me in"));
      assertThat(ok.accepted()).isFalse();
      assertThat(ok.message()).startsWith("restricted:");
      s.send(new ClientMessage.Req("r", List.of(Filter.all())));
      assertThat(s.next(RelayMessage.Closed.class).message()).startsWith("restricted:");
    }
  }

  @Test
  void aMemberOfOneRelayIsNothingOnAnother() {
    try (TestSocket s = open("work")) {
      s.auth(BOB);
      assertThat(s.publish(event(BOB, 1, "work?")).message()).startsWith("restricted:");
    }
  }

  @Test
  void everyAuthGetsAnOkAndTheRelayTagIsChecked() {
    try (TestSocket s = open("family")) {
      Event wrongChallenge = Nip42.authEvent(ALICE, s.url(), "not-the-challenge");
      s.send(new ClientMessage.Auth(wrongChallenge));
      RelayMessage.Ok a = s.next(RelayMessage.Ok.class);
      assertThat(a.accepted()).isFalse();
      assertThat(a.eventId()).isEqualTo(wrongChallenge.id());

      String otherRelay = s.url().replace("/family", "/work");
      s.send(new ClientMessage.Auth(Nip42.authEvent(ALICE, otherRelay, s.challenge())));
      assertThat(s.next(RelayMessage.Ok.class).accepted()).isFalse();

      s.send(
          new ClientMessage.Auth(
              Nip42.authEvent(ALICE, "wss://hearth.example/work", s.challenge())));
      assertThat(s.next(RelayMessage.Ok.class).accepted()).isFalse();

      s.send(
          new ClientMessage.Auth(
              Nip42.authEvent(ALICE, "wss://hearth.example/family", s.challenge())));
      assertThat(s.next(RelayMessage.Ok.class).accepted()).isTrue();
      assertThat(s.publish(event(ALICE, 1, "via public url")).accepted()).isTrue();
    }
  }

  @Test
  void severalKeysMayAuthenticateOnOneConnection() {
    try (TestSocket s = open("family")) {
      s.auth(CAROL);
      assertThat(s.publish(event(ALICE, 1, "x")).message()).startsWith("restricted:");
      s.auth(ALICE);
      assertThat(s.publish(event(ALICE, 1, "now as alice")).accepted()).isTrue();
    }
  }

  @Test
  void readersReadButDoNotWriteAndGrantsExpireAndAreRevoked() {
    String t = UUID.randomUUID().toString();
    try (TestSocket a = open("personal")) {
      a.auth(ALICE);
      a.publish(event(ALICE, 1, "for readers", "t", t));
    }
    long now = Instant.now().getEpochSecond();
    Grant expired = memberUntil("personal", DAVE, now - 1);
    membership.grant(expired).await().indefinitely();
    try (TestSocket s = open("personal")) {
      s.auth(DAVE);
      s.send(new ClientMessage.Req("r", List.of(byTag(t))));
      assertThat(s.next(RelayMessage.Closed.class).message()).startsWith("restricted:");
    }
    membership.grant(Grant.of("personal", hex(DAVE), Role.READER, "test")).await().indefinitely();
    try (TestSocket s = open("personal")) {
      s.auth(DAVE);
      assertThat(s.req("r", byTag(t))).extracting(Event::content).containsExactly("for readers");
      assertThat(s.publish(event(DAVE, 1, "reader writes")).message()).startsWith("restricted:");
    }
    membership.revoke("personal", hex(DAVE)).await().indefinitely();
    try (TestSocket s = open("personal")) {
      s.auth(DAVE);
      s.send(new ClientMessage.Req("r", List.of(byTag(t))));
      assertThat(s.next(RelayMessage.Closed.class).message()).startsWith("restricted:");
    }
  }

  @Test
  void serviceKeysWrite() {
    try (TestSocket s = open("family")) {
      s.auth(SERVICE);
      assertThat(s.publish(event(SERVICE, 1, "assistant here")).accepted()).isTrue();
    }
  }

  @Test
  void giftWrapsNeedAMemberConnectionAndMemberRecipients() {
    LocalSigner throwaway = LocalSigner.generate();
    try (TestSocket s = open("family")) {
      s.auth(ALICE);
      Event toBob = event(throwaway, 1059, "sealed", "p", hex(BOB));
      assertThat(s.publish(toBob).accepted()).isTrue();
      RelayMessage.Ok toCarol = s.publish(event(throwaway, 1059, "sealed", "p", hex(CAROL)));
      assertThat(toCarol.message()).startsWith("restricted:");
      assertThat(s.publish(event(throwaway, 1059, "sealed")).message()).startsWith("invalid:");
    }
    try (TestSocket s = open("family")) {
      s.auth(CAROL);
      Event e = event(throwaway, 1059, "sealed", "p", hex(BOB));
      assertThat(s.publish(e).message()).startsWith("restricted:");
    }
  }

  @Test
  void protectedEventsOnlyFromTheirAuthenticatedAuthor() {
    Event bobs =
        BOB.sign(EventTemplate.of(1, List.of(List.of("-")), "only me " + UUID.randomUUID()));
    try (TestSocket s = open("family")) {
      s.auth(ALICE);
      RelayMessage.Ok ok = s.publish(bobs);
      assertThat(ok.accepted()).isFalse();
      assertThat(ok.message()).startsWith("restricted:");
      s.auth(BOB);
      assertThat(s.publish(bobs).accepted()).isTrue();
    }
  }

  @Test
  void relaysKeepTheirDataApart() {
    String t = UUID.randomUUID().toString();
    try (TestSocket s = open("family")) {
      s.auth(ALICE);
      s.publish(event(ALICE, 1, "family only", "t", t));
    }
    try (TestSocket s = open("personal")) {
      s.auth(ALICE);
      assertThat(s.req("r", byTag(t))).isEmpty();
    }
  }

  @Test
  void aRevokedMembersOpenSubscriptionStopsReceiving() throws Exception {
    String t = UUID.randomUUID().toString();
    membership.grant(Grant.of("work", hex(DAVE), Role.MEMBER, "test")).await().indefinitely();
    try (TestSocket dave = open("work");
        TestSocket alice = open("work")) {
      dave.auth(DAVE);
      alice.auth(ALICE);
      assertThat(dave.req("live", byTag(t))).isEmpty();
      Event first = event(ALICE, 1, "before", "t", t);
      alice.publish(first);
      assertThat(dave.next(RelayMessage.Delivery.class).event().id()).isEqualTo(first.id());
      membership.revoke("work", hex(DAVE)).await().indefinitely();
      alice.publish(event(ALICE, 1, "after", "t", t));
      assertThat(dave.poll(300)).isNull();
    }
  }

  @Test
  void aRevocationAndANewGrantReachAnOpenSubscriptionAtOnce() {
    // Live deliveries remember a connection's read decision per kind; a grant change must
    // still apply to the very next event, both ways.
    LocalSigner erin = LocalSigner.generate();
    LocalSigner watcher = LocalSigner.generate();
    String t = UUID.randomUUID().toString();
    membership.grant(Grant.of("work", hex(erin), Role.MEMBER, "test")).await().indefinitely();
    membership.grant(Grant.of("work", hex(watcher), Role.MEMBER, "test")).await().indefinitely();
    try (TestSocket e = open("work");
        TestSocket w = open("work");
        TestSocket alice = open("work")) {
      e.auth(erin);
      w.auth(watcher);
      alice.auth(ALICE);
      assertThat(e.req("live", byTag(t))).isEmpty();
      assertThat(w.req("live", byTag(t))).isEmpty();
      alice.publish(event(ALICE, 1, "one", "t", t));
      assertThat(e.next(RelayMessage.Delivery.class).event().content()).isEqualTo("one");
      assertThat(w.next(RelayMessage.Delivery.class).event().content()).isEqualTo("one");
      membership.revoke("work", hex(erin)).await().indefinitely();
      alice.publish(event(ALICE, 1, "two", "t", t));
      // the watcher got "two", so the dispatch that decided for erin is over
      assertThat(w.next(RelayMessage.Delivery.class).event().content()).isEqualTo("two");
      membership.grant(Grant.of("work", hex(erin), Role.MEMBER, "test")).await().indefinitely();
      alice.publish(event(ALICE, 1, "three", "t", t));
      assertThat(w.next(RelayMessage.Delivery.class).event().content()).isEqualTo("three");
      assertThat(e.next(RelayMessage.Delivery.class).event().content())
          .as("nothing while revoked, and the new grant counts at once")
          .isEqualTo("three");
    }
  }

  @Test
  void aRememberedLiveReadDecisionEndsWhenTheGrantExpires() {
    LocalSigner frank = LocalSigner.generate();
    long now = Instant.now().getEpochSecond();
    Grant until = memberUntil("work", frank, now + 100);
    membership.grant(until).await().indefinitely();
    LiveReads reads = access.liveReads(relays.find("work").orElseThrow(), Set.of(hex(frank)));
    Event e = event(ALICE, 1, "members read this");
    assertThat(reads.canRead(e, now)).isTrue();
    assertThat(reads.canRead(e, now + 99)).isTrue();
    assertThat(reads.canRead(e, now + 100)).as("expired, though nothing reloaded").isFalse();
  }

  /** A member grant on {@code relay} that expires at {@code expiresAt} (unix seconds). */
  private static Grant memberUntil(String relay, LocalSigner key, long expiresAt) {
    return new Grant(
        0,
        relay,
        hex(key),
        Role.MEMBER,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.of(expiresAt),
        OptionalLong.empty(),
        Optional.empty(),
        "test");
  }

  @Test
  void aConnectionAuthenticatesAtMostSixteenKeys() {
    try (TestSocket s = open("family")) {
      for (int i = 0; i < 16; i++) {
        assertThat(s.auth(LocalSigner.generate()).accepted()).isTrue();
      }
      RelayMessage.Ok seventeenth = s.auth(LocalSigner.generate());
      assertThat(seventeenth.accepted()).isFalse();
      assertThat(seventeenth.message()).startsWith("restricted:");
    }
  }
}
