package org.hearth.nostr.nip42;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.nip42.AuthResult.Failed;
import org.hearth.nostr.nip42.AuthResult.Reason;

/**
 * Relay-side check of a NIP-42 AUTH event: kind 22242, valid id and signature, the challenge this
 * connection issued, a {@code relay} tag naming this relay (see {@link RelayUrl} for the
 * comparison) and a created_at within {@code window} of now (either direction).
 */
public final class AuthVerifier {
  /** The default accepted clock difference: ten minutes. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

  private final Duration window;
  private final Clock clock;

  public AuthVerifier(Duration window, Clock clock) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative");
    }
    this.window = window;
    this.clock = clock;
  }

  public AuthVerifier() {
    this(DEFAULT_WINDOW, Clock.systemUTC());
  }

  /**
   * @param challenge the challenge this relay sent on this connection
   * @param relayUrl this relay's public URL, e.g. {@code wss://relay.example.com/family}
   */
  public AuthResult verify(Event event, String challenge, String relayUrl) {
    if (event.kind() != Nip42.AUTH_KIND) {
      return new Failed(Reason.WRONG_KIND, "AUTH event must be kind 22242, was " + event.kind());
    }
    if (!event.verify()) {
      return new Failed(Reason.INVALID_EVENT, "AUTH event has a bad id or signature");
    }
    Optional<String> gotChallenge = event.firstTagValue("challenge");
    if (gotChallenge.isEmpty()) {
      return new Failed(Reason.MISSING_CHALLENGE, "AUTH event has no challenge tag");
    }
    if (!gotChallenge.get().equals(challenge)) {
      return new Failed(Reason.CHALLENGE_MISMATCH, "AUTH challenge does not match");
    }
    Optional<String> gotRelay = event.firstTagValue("relay");
    if (gotRelay.isEmpty()) {
      return new Failed(Reason.MISSING_RELAY, "AUTH event has no relay tag");
    }
    Optional<RelayUrl> expected = RelayUrl.parse(relayUrl);
    if (expected.isEmpty()) {
      throw new IllegalArgumentException("this relay's URL is not a ws/wss URL: " + relayUrl);
    }
    if (!expected.equals(RelayUrl.parse(gotRelay.get()))) {
      return new Failed(Reason.RELAY_MISMATCH, "AUTH relay tag names another relay");
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - event.createdAt());
    if (skew > window.toSeconds()) {
      return new Failed(
          Reason.OUTSIDE_TIME_WINDOW,
          "AUTH created_at is " + skew + " s away from now (limit " + window.toSeconds() + " s)");
    }
    return new AuthResult.Ok(PublicKey.fromHex(event.pubkey()));
  }
}
