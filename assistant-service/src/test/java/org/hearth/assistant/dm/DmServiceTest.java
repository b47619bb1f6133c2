package org.hearth.assistant.dm;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.config.Scopes;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.assistant.testing.InjectOllama;
import org.hearth.assistant.testing.LogCapture;
import org.hearth.assistant.testing.MutableClock;
import org.hearth.assistant.testing.OllamaResource;
import org.hearth.assistant.testing.PostgresResource;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip59.Nip17;
import org.hearth.nostr.nip59.Nip59;
import org.hearth.nostr.nip59.Rumor;
import org.hearth.nostr.nip59.Unwrapped;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real NIP-17 gift wraps and NIP-04 DMs (nostr-core) through the whole DM pipeline. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(OllamaResource.class)
class DmServiceTest {
  @Inject DmService dms;
  @Inject Scopes scopes;
  @Inject MembershipService membership;
  @Inject MutableClock clock;
  @InjectOllama OllamaDouble ollama;

  private final LocalSigner self = LocalSigner.generate();
  private final LocalSigner member = OllamaResource.MEMBER;
  private final List<Event> published = new ArrayList<>();
  private ScopeSettings family;

  @BeforeEach
  void setUp() {
    family = scopes.get("family").orElseThrow();
    ollama.answerWith(c -> "Reply to: " + c.messages().getLast().content());
  }

  @AfterEach
  void tearDown() {
    ollama.reset();
    clock.advance(Duration.ofMinutes(2)); // fresh rate-limit windows for the next test
  }

  private DmOutcome handle(Event e) {
    return dms.handle(family, self, e, ev -> published.add(ev));
  }

  private Rumor rumor(LocalSigner from, String text) {
    return Nip17.chatMessage(
        from.publicKey(),
        List.of(Nip17.Recipient.of(self.publicKey())),
        text,
        Optional.empty(),
        Optional.empty(),
        Instant.now().getEpochSecond());
  }

  private Event giftWrap(LocalSigner from, String text) {
    return Nip59.giftWrap(from, rumor(from, text), self.publicKey());
  }

  private Event nip04(LocalSigner from, String text) {
    return from.sign(
        EventTemplate.of(
            4,
            List.of(List.of("p", self.publicKey().hex())),
            from.nip04Encrypt(self.publicKey(), text)));
  }

  @Test
  void aMembersGiftWrappedDmIsAnsweredByGiftWrapFromTheAssistant() {
    Event wrap = giftWrap(member, "hello over nip17");
    assertThat(handle(wrap)).isEqualTo(DmOutcome.ANSWERED);
    assertThat(published).hasSize(1);
    Event reply = published.getFirst();
    assertThat(reply.kind()).isEqualTo(1059);
    assertThat(reply.tagValues("p")).containsExactly(member.publicKey().hex());
    Unwrapped opened = Nip59.unwrap(reply, member);
    assertThat(opened.sender()).isEqualTo(self.publicKey());
    assertThat(opened.rumor().kind()).isEqualTo(14);
    assertThat(opened.rumor().content()).isEqualTo("Reply to: hello over nip17");
    Rumor original = Nip59.unwrap(wrap, self).rumor();
    assertThat(opened.rumor().tags()).contains(List.of("e", original.id(), "", "reply"));
  }

  @Test
  void aMembersNip04DmIsAnsweredWithNip04() {
    Event dm = nip04(member, "hello over nip04");
    assertThat(handle(dm)).isEqualTo(DmOutcome.ANSWERED);
    Event reply = published.getFirst();
    assertThat(reply.kind()).isEqualTo(4);
    assertThat(reply.pubkey()).isEqualTo(self.publicKey().hex());
    assertThat(reply.verify()).isTrue();
    assertThat(reply.tags())
        .contains(List.of("p", member.publicKey().hex()), List.of("e", dm.id()));
    assertThat(member.nip04Decrypt(self.publicKey(), reply.content()))
        .isEqualTo("Reply to: hello over nip04");
  }

  @Test
  void theSameMessageIsAnsweredOnceEvenInAnotherWrap() {
    Rumor r = rumor(member, "only once " + UUID.randomUUID());
    Event first = Nip59.giftWrap(member, r, self.publicKey());
    Event again = Nip59.giftWrap(member, r, self.publicKey());
    assertThat(handle(first)).isEqualTo(DmOutcome.ANSWERED);
    assertThat(handle(first)).isEqualTo(DmOutcome.DUPLICATE);
    assertThat(handle(again)).isEqualTo(DmOutcome.DUPLICATE);
    assertThat(published).hasSize(1);
    assertThat(ollama.chats()).hasSize(1);
  }

  @Test
  void aReplyTheRelayRefusedIsSentWhenTheMessageComesAgain() {
    Event dm = nip04(member, "retry me");
    assertThat(dms.handle(family, self, dm, ev -> false)).isEqualTo(DmOutcome.PUBLISH_FAILED);
    assertThat(handle(dm)).isEqualTo(DmOutcome.ANSWERED);
    assertThat(handle(dm)).isEqualTo(DmOutcome.DUPLICATE);
  }

  @Test
  void strangersGetOnePoliteRefusalThenSilence() {
    LocalSigner stranger = LocalSigner.generate();
    assertThat(handle(giftWrap(stranger, "let me in"))).isEqualTo(DmOutcome.REFUSED);
    assertThat(Nip59.unwrap(published.getFirst(), stranger).rumor().content())
        .contains("only talk with members of the family relay");
    assertThat(handle(giftWrap(stranger, "please"))).isEqualTo(DmOutcome.SILENCED);
    assertThat(handle(nip04(stranger, "pretty please"))).isEqualTo(DmOutcome.SILENCED);
    assertThat(published).hasSize(1);
    assertThat(ollama.chats()).isEmpty();
  }

  @Test
  void aFloodOfStrangersGetsBoundedRefusals() {
    int refused = 0;
    for (int i = 0; i < 15; i++) {
      if (handle(nip04(LocalSigner.generate(), "hi")) == DmOutcome.REFUSED) {
        refused++;
      }
    }
    assertThat(refused).isEqualTo(10);
  }

  @Test
  void aForgedSenderInsideTheSealIsDropped() {
    LocalSigner attacker = LocalSigner.generate();
    Rumor claimsMember = rumor(member, "forged " + UUID.randomUUID());
    Event seal =
        attacker.sign(
            EventTemplate.of(
                13, List.of(), attacker.nip44Encrypt(self.publicKey(), claimsMember.toJson())));
    Event wrap = Nip59.wrap(seal, self.publicKey());
    assertThat(handle(wrap)).isEqualTo(DmOutcome.DROPPED);
    assertThat(published).isEmpty();
  }

  @Test
  void malformedAndMisaddressedEventsAreDropped() {
    LocalSigner junk = LocalSigner.generate();
    Event garbage =
        junk.sign(
            EventTemplate.of(1059, List.of(List.of("p", self.publicKey().hex())), "not nip44"));
    Event notForUs = Nip59.giftWrap(member, rumor(member, "x"), LocalSigner.generate().publicKey());
    Event huge =
        junk.sign(
            EventTemplate.of(
                1059, List.of(List.of("p", self.publicKey().hex())), "A".repeat(300_000)));
    Event sealedNote =
        Nip59.giftWrap(
            member,
            Rumor.of(member.publicKey(), EventTemplate.of(1, List.of(), "a note, not a DM")),
            self.publicKey());
    Event badNip04 =
        member.sign(
            EventTemplate.of(4, List.of(List.of("p", self.publicKey().hex())), "bogus?iv=bogus"));
    Event someoneElsesChat =
        Nip59.giftWrap(
            member,
            Nip17.chatMessage(
                member.publicKey(),
                List.of(Nip17.Recipient.of(LocalSigner.generate().publicKey())),
                "to my friend",
                Optional.empty(),
                Optional.empty(),
                Instant.now().getEpochSecond()),
            self.publicKey());
    for (Event e : List.of(garbage, notForUs, huge, sealedNote, badNip04, someoneElsesChat)) {
      assertThat(handle(e)).as("kind %d", e.kind()).isEqualTo(DmOutcome.DROPPED);
    }
    assertThat(published).isEmpty();
  }

  @Test
  void aFloodingMemberIsCutOffAfterTheLimit() {
    LocalSigner flooder = OllamaResource.FLOODER;
    int answered = 0;
    int limited = 0;
    for (int i = 0; i < 25; i++) {
      switch (handle(nip04(flooder, "flood " + i))) {
        case ANSWERED -> answered++;
        case RATE_LIMITED -> limited++;
        default -> {}
      }
    }
    assertThat(answered).isEqualTo(20);
    assertThat(limited).isEqualTo(5);
  }

  @Test
  void theRelaysMemberListDecidesOnceTheRelayPublishesOne() {
    ScopeSettings work = scopes.get("work").orElseThrow();
    LocalSigner relayKey = LocalSigner.generate();
    LocalSigner listed = LocalSigner.generate();
    LocalSigner person = LocalSigner.generate();
    LocalSigner service = LocalSigner.generate();
    LocalSigner boss = LocalSigner.generate();
    assertThat(membership.isMember(work, member.publicKey().hex())).isTrue();
    Event list =
        relayKey.sign(
            EventTemplate.of(
                MembershipService.KIND_MEMBER_LIST,
                List.of(
                    List.of("-"),
                    List.of("member", listed.publicKey().hex()),
                    List.of("member", person.publicKey().hex(), "member", "team-blue"),
                    List.of("member", service.publicKey().hex(), "service"),
                    List.of("member", boss.publicKey().hex(), "admin")),
                ""));
    Event fake =
        LocalSigner.generate()
            .sign(
                EventTemplate.of(
                    MembershipService.KIND_MEMBER_LIST,
                    List.of(List.of("member", member.publicKey().hex())),
                    ""));
    assertThat(membership.offer("work", list)).isFalse(); // relay key unknown yet
    membership.relaySelf("work", relayKey.publicKey().hex());
    assertThat(membership.offer("work", fake)).isFalse();
    assertThat(membership.offer("work", list)).isTrue();
    assertThat(membership.isMember(work, listed.publicKey().hex())).isTrue();
    assertThat(membership.isMember(work, person.publicKey().hex())).isTrue();
    assertThat(membership.isMember(work, service.publicKey().hex())).isFalse();
    assertThat(membership.isMember(work, member.publicKey().hex())).isFalse();
    assertThat(membership.isMember(work, OllamaResource.ADMIN.publicKey().hex())).isTrue();
    assertThat(membership.isMember(family, member.publicKey().hex())).isTrue();
    // Admins: configured ones, and the list's owners and admins (for /retrain).
    assertThat(membership.isAdmin(work, boss.publicKey().hex())).isTrue();
    assertThat(membership.isAdmin(work, person.publicKey().hex())).isFalse();
    assertThat(membership.isAdmin(work, OllamaResource.ADMIN.publicKey().hex())).isTrue();
    assertThat(membership.isAdmin(family, boss.publicKey().hex())).isFalse();
  }

  @Test
  void aMembersMessagesAreAnsweredOneAfterTheOther() throws Exception {
    String a = "first " + UUID.randomUUID();
    String b = "second " + UUID.randomUUID();
    ollama.streaming(4, Duration.ofMillis(50));
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var fa = pool.submit(() -> handle(nip04(member, a)));
      var fb = pool.submit(() -> handle(nip04(member, b)));
      assertThat(fa.get()).isEqualTo(DmOutcome.ANSWERED);
      assertThat(fb.get()).isEqualTo(DmOutcome.ANSWERED);
    }
    // Whichever came second saw the first question and its answer in its prompt.
    OllamaDouble.ChatCall later = ollama.chats().getLast();
    assertThat(later.allText()).contains(a, b, "Reply to: ");
  }

  @Test
  void noPlaintextReachesTheLogs() {
    String secret = "plaintext-" + UUID.randomUUID();
    try (LogCapture logs = LogCapture.start()) {
      handle(giftWrap(member, secret + " a"));
      handle(nip04(member, secret + " b"));
      handle(giftWrap(LocalSigner.generate(), secret + " c"));
      dms.handle(family, self, nip04(member, secret + " d"), ev -> false);
      assertThat(logs.lines()).isNotEmpty();
      assertThat(logs.lines()).noneMatch(l -> l.contains(secret));
    }
  }
}
