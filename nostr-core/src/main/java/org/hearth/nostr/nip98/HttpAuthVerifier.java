package org.hearth.nostr.nip98;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.Utf8;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.nip98.HttpAuthResult.Failed;
import org.hearth.nostr.nip98.HttpAuthResult.Reason;

/**
 * Server-side check of a NIP-98 header: base64 event JSON, valid id and signature, kind 27235, a
 * {@code u} tag equal to the absolute request URL (query included), the method (case-insensitive),
 * the body's SHA-256 in {@code payload} when there is a body, and created_at within {@code window}
 * of now.
 *
 * <p>Replays: a captured header stays valid for the whole window. A server that must refuse replays
 * passes every {@link HttpAuthResult.Ok} to a {@link ReplayGuard}, which keeps {@link
 * HttpAuthResult.Ok#eventId()} in a seen-set for {@code window} (entries older than twice the
 * window can be dropped, by {@link HttpAuthResult.Ok#createdAt()}) and refuses an id it has already
 * seen. This class keeps no state.
 */
public final class HttpAuthVerifier {
  /** The default accepted clock difference: 60 seconds, as NIP-98 suggests. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

  /** Longest header we decode: an auth event has three short tags. */
  public static final int MAX_HEADER_LENGTH = 16 * 1024;

  private final Duration window;
  private final Clock clock;

  public HttpAuthVerifier(Duration window, Clock clock) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative");
    }
    this.window = window;
    this.clock = clock;
  }

  public HttpAuthVerifier() {
    this(DEFAULT_WINDOW, Clock.systemUTC());
  }

  /**
   * @param authorization the Authorization header value (null when absent)
   * @param url the absolute URL of the request as the server sees it, query included
   * @param body the request body, or null/empty for none
   */
  public HttpAuthResult verify(String authorization, String url, String method, byte[] body) {
    if (authorization == null || authorization.isBlank()) {
      return new Failed(Reason.MISSING_HEADER, "no Authorization header");
    }
    Event event;
    try {
      event = decodeHeader(authorization);
    } catch (NostrException e) {
      return new Failed(Reason.MALFORMED_HEADER, e.getMessage());
    }
    if (!event.verify()) {
      return new Failed(Reason.INVALID_EVENT, "auth event has a bad id or signature");
    }
    if (event.kind() != Nip98.HTTP_AUTH_KIND) {
      return new Failed(Reason.WRONG_KIND, "auth event must be kind 27235, was " + event.kind());
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - event.createdAt());
    if (skew > window.toSeconds()) {
      return new Failed(
          Reason.OUTSIDE_TIME_WINDOW,
          "auth event created_at is " + skew + " s from now (limit " + window.toSeconds() + " s)");
    }
    if (!event.firstTagValue("u").equals(Optional.of(url))) {
      return new Failed(Reason.URL_MISMATCH, "auth event u tag is not the request URL");
    }
    Optional<String> m = event.firstTagValue("method");
    if (m.isEmpty() || !m.get().toUpperCase(Locale.ROOT).equals(method.toUpperCase(Locale.ROOT))) {
      return new Failed(Reason.METHOD_MISMATCH, "auth event method tag is not " + method);
    }
    if (body != null && body.length > 0) {
      Optional<String> payload = event.firstTagValue("payload");
      if (payload.isEmpty()) {
        return new Failed(Reason.PAYLOAD_MISMATCH, "request has a body but no payload tag");
      }
      if (!payload.get().equalsIgnoreCase(Nip98.sha256Hex(body))) {
        return new Failed(Reason.PAYLOAD_MISMATCH, "payload tag is not the body's SHA-256");
      }
    }
    return new HttpAuthResult.Ok(
        PublicKey.fromHex(event.pubkey()), event.id(), event.sig(), event.createdAt());
  }

  /** Decodes {@code Nostr <base64>} into an event; throws a {@link NostrException} subclass. */
  public static Event decodeHeader(String authorization) {
    String value = authorization.strip();
    if (value.length() > MAX_HEADER_LENGTH) {
      throw new DecodeException("Authorization header is longer than " + MAX_HEADER_LENGTH);
    }
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).equalsIgnoreCase(Nip98.SCHEME)) {
      throw new DecodeException("Authorization scheme must be Nostr");
    }
    byte[] json;
    try {
      json = Base64.getDecoder().decode(value.substring(space + 1).strip());
    } catch (IllegalArgumentException e) {
      throw new DecodeException("Authorization token is not valid base64");
    }
    return Event.fromJson(Utf8.decodeStrict(json, "Authorization token"));
  }
}
