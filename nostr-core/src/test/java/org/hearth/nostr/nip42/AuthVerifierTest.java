package org.hearth.nostr.nip42;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip42.AuthResult.Failed;
import org.hearth.nostr.nip42.AuthResult.Reason;
import org.junit.jupiter.api.Test;

class AuthVerifierTest {
  private static final long NOW = 1_750_000_000L;
  private final LocalSigner client = LocalSigner.generate();
  private final AuthVerifier verifier =
      new AuthVerifier(
          Duration.ofMinutes(10), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

  private Event auth(String relay, String challenge, long createdAt) {
    return client.sign(Nip42.authTemplate(relay, challenge).withCreatedAt(createdAt));
  }

  private Reason reason(AuthResult r) {
    return ((Failed) r).reason();
  }

  @Test
  void acceptsAMatchingEvent() {
    AuthResult r =
        verifier.verify(
            auth("wss://relay.example.com/family", "c1", NOW),
            "c1",
            "wss://relay.example.com/family");
    assertThat(r).isEqualTo(new AuthResult.Ok(client.publicKey()));
    assertThat(Nip42.authEvent(client, "wss://x", "c").tags())
        .containsExactly(List.of("relay", "wss://x"), List.of("challenge", "c"));
  }

  @Test
  void relayUrlsCompareByHostPortAndPath() {
    String relay = "wss://Relay.Example.com/family";
    for (String ok :
        List.of(
            "ws://relay.example.com/family",
            "wss://relay.example.com/family/",
            "wss://RELAY.example.com:443/family",
            "https://relay.example.com/family")) {
      assertThat(verifier.verify(auth(ok, "c", NOW), "c", relay).ok()).as(ok).isTrue();
    }
    for (String bad :
        List.of(
            "wss://relay.example.com/work",
            "wss://relay.example.com",
            "wss://relay.example.com:8443/family",
            "wss://other.example.com/family",
            "not a url",
            "ftp://relay.example.com/family")) {
      assertThat(reason(verifier.verify(auth(bad, "c", NOW), "c", relay)))
          .as(bad)
          .isEqualTo(Reason.RELAY_MISMATCH);
    }
    assertThat(
            verifier
                .verify(auth("ws://localhost:7777", "c", NOW), "c", "ws://localhost:7777/")
                .ok())
        .isTrue();
  }

  @Test
  void refusesWrongChallengeKindSignatureAndTime() {
    String relay = "wss://r.example";
    assertThat(reason(verifier.verify(auth(relay, "old", NOW), "new", relay)))
        .isEqualTo(Reason.CHALLENGE_MISMATCH);
    assertThat(reason(verifier.verify(auth(relay, "c", NOW - 601), "c", relay)))
        .isEqualTo(Reason.OUTSIDE_TIME_WINDOW);
    assertThat(reason(verifier.verify(auth(relay, "c", NOW + 601), "c", relay)))
        .isEqualTo(Reason.OUTSIDE_TIME_WINDOW);
    assertThat(verifier.verify(auth(relay, "c", NOW - 600), "c", relay).ok()).isTrue();
    Event kind1 =
        client.sign(
            new EventTemplate(
                1, List.of(List.of("relay", relay), List.of("challenge", "c")), "", NOW));
    assertThat(reason(verifier.verify(kind1, "c", relay))).isEqualTo(Reason.WRONG_KIND);
    Event good = auth(relay, "c", NOW);
    Event forged =
        new Event(
            good.id(),
            LocalSigner.generate().publicKey().hex(),
            good.createdAt(),
            good.kind(),
            good.tags(),
            good.content(),
            good.sig());
    assertThat(reason(verifier.verify(forged, "c", relay))).isEqualTo(Reason.INVALID_EVENT);
    Event noChallenge =
        client.sign(new EventTemplate(22242, List.of(List.of("relay", relay)), "", NOW));
    assertThat(reason(verifier.verify(noChallenge, "c", relay)))
        .isEqualTo(Reason.MISSING_CHALLENGE);
    Event noRelay =
        client.sign(new EventTemplate(22242, List.of(List.of("challenge", "c")), "", NOW));
    assertThat(reason(verifier.verify(noRelay, "c", relay))).isEqualTo(Reason.MISSING_RELAY);
  }

  @Test
  void windowIsConfigurable() {
    AuthVerifier strict =
        new AuthVerifier(
            Duration.ofSeconds(5), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    assertThat(strict.verify(auth("wss://r", "c", NOW - 6), "c", "wss://r").ok()).isFalse();
    assertThat(strict.verify(auth("wss://r", "c", NOW - 5), "c", "wss://r").ok()).isTrue();
  }
}
