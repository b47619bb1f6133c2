package org.hearth.nostr.nip98;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.hearth.nostr.crypto.LocalSigner;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    long now = 1_750_000_000L;

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(now);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void aHeaderIsAcceptedOnceAndForgottenAfterTheWindow() {
    ManualClock clock = new ManualClock();
    HttpAuthVerifier verifier = new HttpAuthVerifier(Duration.ofSeconds(60), clock);
    ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(60), clock);
    LocalSigner admin = LocalSigner.generate();
    String url = "https://h.example/api";
    String header =
        Nip98.header(admin.sign(Nip98.template(url, "GET", null).withCreatedAt(clock.now)));

    HttpAuthResult.Ok first = (HttpAuthResult.Ok) verifier.verify(header, url, "GET", null);
    assertThat(guard.firstUse(first)).isTrue();
    HttpAuthResult.Ok again = (HttpAuthResult.Ok) verifier.verify(header, url, "GET", null);
    assertThat(guard.firstUse(again)).isFalse();

    // The same request signed again in the same second: the same event id, another signature
    // (fresh aux randomness), so not a replay.
    String resigned =
        Nip98.header(admin.sign(Nip98.template(url, "GET", null).withCreatedAt(clock.now)));
    HttpAuthResult.Ok second = (HttpAuthResult.Ok) verifier.verify(resigned, url, "GET", null);
    assertThat(second.eventId()).isEqualTo(first.eventId());
    assertThat(second.sig()).isNotEqualTo(first.sig());
    assertThat(guard.firstUse(second)).isTrue();
    assertThat(guard.firstUse((HttpAuthResult.Ok) verifier.verify(resigned, url, "GET", null)))
        .as("that header presented again")
        .isFalse();

    // Same request a second later: another event id.
    String other =
        Nip98.header(admin.sign(Nip98.template(url, "GET", null).withCreatedAt(clock.now + 1)));
    assertThat(guard.firstUse((HttpAuthResult.Ok) verifier.verify(other, url, "GET", null)))
        .isTrue();
    assertThat(guard.size()).isEqualTo(3);

    clock.now += 200; // both events are now far outside the window: the verifier refuses them
    assertThat(verifier.verify(header, url, "GET", null).ok()).isFalse();
    String fresh =
        Nip98.header(admin.sign(Nip98.template(url, "GET", null).withCreatedAt(clock.now)));
    assertThat(guard.firstUse((HttpAuthResult.Ok) verifier.verify(fresh, url, "GET", null)))
        .isTrue();
    assertThat(guard.size()).isEqualTo(1); // the old entries were dropped
  }
}
