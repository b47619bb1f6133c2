package org.hearth.nostr.nip98;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip98.HttpAuthResult.Failed;
import org.hearth.nostr.nip98.HttpAuthResult.Reason;
import org.junit.jupiter.api.Test;

class HttpAuthVerifierTest {
  private static final long NOW = 1_750_000_000L;
  private static final String URL = "https://admin.example/api/members?relay=family";
  private static final byte[] BODY = "{\"method\":\"banpubkey\"}".getBytes(StandardCharsets.UTF_8);
  private final LocalSigner admin = LocalSigner.generate();
  private final HttpAuthVerifier verifier =
      new HttpAuthVerifier(
          Duration.ofSeconds(60), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

  private String header(String url, String method, byte[] body, long createdAt) {
    return Nip98.header(admin.sign(Nip98.template(url, method, body).withCreatedAt(createdAt)));
  }

  private Reason reason(HttpAuthResult r) {
    return ((Failed) r).reason();
  }

  @Test
  void acceptsAMatchingRequestAndReportsTheIdForReplayChecks() {
    Event e = admin.sign(Nip98.template(URL, "POST", BODY).withCreatedAt(NOW));
    assertThat(e.tags()).contains(List.of("payload", Nip98.sha256Hex(BODY)));
    HttpAuthResult r = verifier.verify(Nip98.header(e), URL, "POST", BODY);
    assertThat(r).isEqualTo(new HttpAuthResult.Ok(admin.publicKey(), e.id(), e.sig(), NOW));
    assertThat(verifier.verify(header(URL, "get", null, NOW), URL, "GET", new byte[0]).ok())
        .isTrue();
    assertThat(Nip98.template(URL, "GET", null).tags()).noneMatch(t -> t.get(0).equals("payload"));
  }

  @Test
  void refusesMismatches() {
    assertThat(
            reason(
                verifier.verify(
                    header(URL, "POST", BODY, NOW), URL.replace("family", "work"), "POST", BODY)))
        .isEqualTo(Reason.URL_MISMATCH);
    assertThat(reason(verifier.verify(header(URL, "POST", BODY, NOW), URL, "PUT", BODY)))
        .isEqualTo(Reason.METHOD_MISMATCH);
    assertThat(
            reason(verifier.verify(header(URL, "POST", BODY, NOW), URL, "POST", "{}".getBytes())))
        .isEqualTo(Reason.PAYLOAD_MISMATCH);
    assertThat(reason(verifier.verify(header(URL, "POST", null, NOW), URL, "POST", BODY)))
        .isEqualTo(Reason.PAYLOAD_MISMATCH);
    assertThat(reason(verifier.verify(header(URL, "POST", BODY, NOW - 61), URL, "POST", BODY)))
        .isEqualTo(Reason.OUTSIDE_TIME_WINDOW);
    assertThat(reason(verifier.verify(header(URL, "POST", BODY, NOW + 61), URL, "POST", BODY)))
        .isEqualTo(Reason.OUTSIDE_TIME_WINDOW);
    Event kind1 =
        admin.sign(
            new EventTemplate(1, List.of(List.of("u", URL), List.of("method", "GET")), "", NOW));
    assertThat(reason(verifier.verify(Nip98.header(kind1), URL, "GET", null)))
        .isEqualTo(Reason.WRONG_KIND);
  }

  @Test
  void refusesMalformedHeaders() {
    assertThat(reason(verifier.verify(null, URL, "GET", null))).isEqualTo(Reason.MISSING_HEADER);
    assertThat(reason(verifier.verify("Bearer abc", URL, "GET", null)))
        .isEqualTo(Reason.MALFORMED_HEADER);
    assertThat(verifier.verify("Nostr !!!", URL, "GET", null))
        .isEqualTo(new Failed(Reason.MALFORMED_HEADER, "Authorization token is not valid base64"));
    String notJson = "Nostr " + Base64.getEncoder().encodeToString("hello".getBytes());
    assertThat(reason(verifier.verify(notJson, URL, "GET", null)))
        .isEqualTo(Reason.MALFORMED_HEADER);
    Event e = admin.sign(Nip98.template(URL, "GET", null).withCreatedAt(NOW));
    String json = e.toJson().replace("\"content\":\"\"", "\"content\":\"x\"");
    String tampered = "Nostr " + Base64.getEncoder().encodeToString(json.getBytes());
    assertThat(reason(verifier.verify(tampered, URL, "GET", null))).isEqualTo(Reason.INVALID_EVENT);
  }
}
