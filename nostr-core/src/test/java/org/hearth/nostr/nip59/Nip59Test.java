package org.hearth.nostr.nip59;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip44.Nip44;
import org.hearth.nostr.nip59.Nip17.Recipient;
import org.junit.jupiter.api.Test;

class Nip59Test {
  private final LocalSigner alice = LocalSigner.generate();
  private final LocalSigner bob = LocalSigner.generate();
  private final LocalSigner carol = LocalSigner.generate();

  private Rumor message(String text) {
    return Nip17.chatMessage(
        alice.publicKey(),
        List.of(
            Recipient.of(bob.publicKey()),
            new Recipient(carol.publicKey(), Optional.of("wss://c.example"))),
        text,
        Optional.of(new Nip17.ReplyTo("ab".repeat(32), Optional.empty())),
        Optional.of("dinner"),
        Instant.now().getEpochSecond());
  }

  @Test
  void chatMessageHasTheNip17Tags() {
    Rumor m = message("hi");
    assertThat(m.kind()).isEqualTo(14);
    assertThat(m.tags())
        .containsExactly(
            List.of("p", bob.publicKey().hex()),
            List.of("p", carol.publicKey().hex(), "wss://c.example"),
            List.of("e", "ab".repeat(32), "", "reply"),
            List.of("subject", "dinner"));
    assertThat(m.hasValidId()).isTrue();
    assertThat(Rumor.fromJson(m.toJson())).isEqualTo(m);
    assertThat(m.toJson()).doesNotContain("sig");
    assertThat(m.toString()).doesNotContain("hi").doesNotContain(bob.publicKey().hex());
  }

  @Test
  void wrapsForEveryRecipientAndTheSender() {
    Rumor m = message("see you at 8");
    List<Nip17.AddressedWrap> wraps = Nip17.wrapForAll(alice, m);
    assertThat(wraps)
        .extracting(Nip17.AddressedWrap::recipient)
        .containsExactly(bob.publicKey(), carol.publicKey(), alice.publicKey());
    long now = Instant.now().getEpochSecond();
    for (Nip17.AddressedWrap w : wraps) {
      Event wrap = w.wrap();
      assertThat(wrap.kind()).isEqualTo(1059);
      assertThat(wrap.tags()).containsExactly(List.of("p", w.recipient().hex()));
      assertThat(wrap.pubkey()).isNotIn(alice.publicKey().hex(), bob.publicKey().hex());
      assertThat(wrap.createdAt()).isBetween(now - 2 * 86400 - 5, now + 1);
      LocalSigner reader =
          List.of(alice, bob, carol).stream()
              .filter(s -> s.publicKey().equals(w.recipient()))
              .findFirst()
              .orElseThrow();
      Unwrapped u = Nip59.unwrap(wrap, reader);
      assertThat(u.rumor()).isEqualTo(m);
      assertThat(u.sender()).isEqualTo(alice.publicKey());
      assertThat(u.seal().kind()).isEqualTo(13);
      assertThat(u.seal().tags()).isEmpty();
      assertThat(u.seal().createdAt()).isBetween(now - 2 * 86400 - 5, now + 1);
    }
    // Wraps use distinct throwaway keys.
    assertThat(wraps.stream().map(w -> w.wrap().pubkey()).distinct()).hasSize(3);
  }

  @Test
  void otherRecipientsCannotOpenIt() {
    Event wrap = Nip59.giftWrap(alice, message("x"), bob.publicKey());
    assertThatThrownBy(() -> Nip59.unwrap(wrap, carol))
        .isInstanceOf(UnwrapException.class)
        .extracting(e -> ((UnwrapException) e).reason())
        .isEqualTo(UnwrapException.Reason.UNDECRYPTABLE_WRAP);
  }

  @Test
  void forgedSenderIsDetected() {
    // Mallory seals a rumor that claims to be from alice.
    LocalSigner mallory = LocalSigner.generate();
    Rumor claimsAlice = message("send money");
    String content = mallory.nip44Encrypt(bob.publicKey(), claimsAlice.toJson());
    Event seal = mallory.sign(new EventTemplate(13, List.of(), content, 1_700_000_000L));
    Event wrap = Nip59.wrap(seal, bob.publicKey());
    assertThatThrownBy(() -> Nip59.unwrap(wrap, bob))
        .isInstanceOf(ForgedSenderException.class)
        .hasMessageContaining("forged sender")
        .hasMessageContaining(alice.publicKey().hex());
  }

  @Test
  void tamperedSealSignatureIsDetected() {
    Event seal = Nip59.seal(alice, message("x"), bob.publicKey());
    Event bad =
        new Event(
            seal.id(),
            seal.pubkey(),
            seal.createdAt(),
            13,
            seal.tags(),
            seal.content(),
            seal.sig().substring(0, 127) + (seal.sig().endsWith("0") ? "1" : "0"));
    assertThatThrownBy(() -> Nip59.unwrap(Nip59.wrap(bad, bob.publicKey()), bob))
        .isInstanceOf(UnwrapException.class)
        .hasMessageContaining("seal is invalid")
        .extracting(e -> ((UnwrapException) e).reason())
        .isEqualTo(UnwrapException.Reason.INVALID_SEAL);
  }

  @Test
  void wrongKindsAndBadContentsAreTypedErrors() {
    Event note = alice.sign(EventTemplate.of(1, List.of(), "hi"));
    assertThatThrownBy(() -> Nip59.unwrap(note, bob))
        .isInstanceOf(UnwrapException.class)
        .hasMessageContaining("expected kind 1059, got kind 1");
    // A wrap around a kind-1 event instead of a seal.
    Event notSeal = Nip59.wrap(note, bob.publicKey());
    assertThatThrownBy(() -> Nip59.unwrap(notSeal, bob))
        .hasMessageContaining("expected a kind 13 seal, got kind 1");
    // A wrap whose plaintext is not JSON.
    LocalSigner throwaway = LocalSigner.generate();
    Event junk =
        throwaway.sign(
            new EventTemplate(
                1059,
                List.of(),
                Nip44.encrypt("not json", throwaway.privateKey(), bob.publicKey()),
                1));
    assertThatThrownBy(() -> Nip59.unwrap(junk, bob))
        .isInstanceOf(UnwrapException.class)
        .hasMessageContaining("seal is not an event");
    // A seal whose rumor has a wrong id.
    Rumor r = message("x");
    Rumor wrongId =
        new Rumor("00".repeat(32), r.pubkey(), r.createdAt(), r.kind(), r.tags(), r.content());
    Event seal =
        alice.sign(
            new EventTemplate(
                13, List.of(), alice.nip44Encrypt(bob.publicKey(), wrongId.toJson()), 1));
    assertThatThrownBy(() -> Nip59.unwrap(Nip59.wrap(seal, bob.publicKey()), bob))
        .hasMessageContaining("invalid rumor: rumor id does not match");
  }

  @Test
  void sealRefusesARumorOfAnotherAuthor() {
    assertThatThrownBy(() -> Nip59.seal(bob, message("x"), carol.publicKey()))
        .hasMessageContaining("rumor's pubkey must be the sealing author's key");
  }

  @Test
  void dmRelayList() {
    Event list = alice.sign(Nip17.dmRelayList(List.of("wss://inbox.example", "wss://b.example")));
    assertThat(list.kind()).isEqualTo(10050);
    assertThat(Nip17.parseDmRelayList(Event.fromJson(list.toJson())))
        .containsExactly("wss://inbox.example", "wss://b.example");
    assertThatThrownBy(() -> Nip17.parseDmRelayList(alice.sign(EventTemplate.of(3, List.of(), ""))))
        .hasMessageContaining("expected a kind 10050");
  }

  @Test
  void randomPastStaysWithinTwoDays() {
    java.time.Clock fixed =
        java.time.Clock.fixed(Instant.ofEpochSecond(1_000_000), java.time.ZoneOffset.UTC);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 2000; i++) {
      long t = Nip59.randomPast(fixed);
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    assertThat(min).isGreaterThanOrEqualTo(1_000_000 - 172_800);
    assertThat(max).isLessThanOrEqualTo(1_000_000);
    assertThat(max - min).isGreaterThan(86_400); // really spread, not constant
  }

  @Test
  void publicKeyHelper() {
    assertThat(message("x").author()).isEqualTo(alice.publicKey());
    assertThat(PublicKey.fromHex(message("x").pubkey())).isEqualTo(alice.publicKey());
  }
}
