package org.hearth.nostr.nip86;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip86.Nip86CallException.Reason;
import org.hearth.nostr.nip98.Nip98;

/**
 * Calls a relay's NIP-86 management API over {@link HttpClient}: POSTs {@code
 * application/nostr+json+rpc} to the relay's URL (ws/wss mapped to http/https) with a NIP-98 {@code
 * Authorization} header whose {@code payload} tag is the SHA-256 of the body. Thread-safe.
 *
 * <p>NIP-98 events with the same content in the same second have the same id, which a relay with
 * replay protection refuses; this client therefore never signs two identical requests with the same
 * {@code created_at}.
 */
public final class Nip86Client {
  private final HttpClient http;
  private final URI url;
  private final Signer signer;
  private final Duration timeout;
  private final Clock clock;
  private String lastPayload = "";
  private long lastCreatedAt;

  public Nip86Client(HttpClient http, URI relayUrl, Signer signer, Duration timeout, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.url = Nip86.httpUrl(relayUrl);
    this.signer = Objects.requireNonNull(signer, "signer");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Nip86Client(URI relayUrl, Signer signer) {
    this(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
        relayUrl,
        signer,
        Duration.ofSeconds(30),
        Clock.systemUTC());
  }

  /** The HTTP URL requests go to (also the NIP-98 {@code u} tag). */
  public URI url() {
    return url;
  }

  /** Calls {@code method} and returns its result; throws {@link Nip86CallException} otherwise. */
  public JsonNode call(RpcMethod method, Object... params) {
    return call(Nip86Request.of(method, params));
  }

  /** Sends {@code request} and returns its result; throws {@link Nip86CallException} otherwise. */
  public JsonNode call(Nip86Request request) {
    Nip86Response r = send(request);
    if (r.error().isPresent()) {
      throw new Nip86CallException(Reason.REFUSED, 200, r.error().get());
    }
    return r.result();
  }

  /** Sends {@code request} and returns the decoded response, error or not. */
  public Nip86Response send(Nip86Request request) {
    byte[] body = request.toJson().getBytes(StandardCharsets.UTF_8);
    HttpRequest req =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", Nip86.CONTENT_TYPE)
            .header("Accept", Nip86.CONTENT_TYPE)
            .header("Authorization", authorization(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new Nip86CallException(
          Reason.TIMEOUT, 0, "no answer from " + url + " within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      throw new Nip86CallException(
          Reason.UNREACHABLE, 0, "cannot reach " + url + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Nip86CallException(Reason.UNREACHABLE, 0, "interrupted while calling " + url);
    }
    return decode(resp.statusCode(), resp.body());
  }

  private Nip86Response decode(int status, String body) {
    Nip86Response parsed = null;
    try {
      parsed = Nip86Json.decodeResponse(body);
    } catch (Nip86Exception e) {
      if (status == 200) {
        throw new Nip86CallException(
            Reason.BAD_RESPONSE, status, "the relay's answer is not NIP-86: " + e.getMessage());
      }
    }
    String detail = parsed != null && parsed.error().isPresent() ? ": " + parsed.error().get() : "";
    if (status == 401) {
      throw new Nip86CallException(
          Reason.UNAUTHORIZED, status, "the relay refused our authorization" + detail);
    }
    if (status != 200) {
      throw new Nip86CallException(
          Reason.HTTP_STATUS, status, "the relay answered HTTP " + status + detail);
    }
    return parsed;
  }

  private String authorization(byte[] body) {
    String payload = Nip98.sha256Hex(body);
    long createdAt;
    synchronized (this) {
      createdAt = clock.instant().getEpochSecond();
      if (payload.equals(lastPayload) && createdAt <= lastCreatedAt) {
        createdAt = lastCreatedAt + 1;
      }
      lastPayload = payload;
      lastCreatedAt = createdAt;
    }
    EventTemplate t = Nip98.template(url.toString(), "POST", body).withCreatedAt(createdAt);
    return Nip98.header(signer.sign(t));
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused (is the relay running at that address?)";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
