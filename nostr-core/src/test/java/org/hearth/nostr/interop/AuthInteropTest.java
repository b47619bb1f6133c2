package org.hearth.nostr.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearth.nostr.interop.NipsNode.JSON;
import static org.hearth.nostr.interop.NipsNode.request;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.nip42.AuthResult;
import org.hearth.nostr.nip42.AuthVerifier;
import org.hearth.nostr.nip98.HttpAuthResult;
import org.hearth.nostr.nip98.HttpAuthVerifier;
import org.hearth.nostr.nip98.Nip98;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NIP-98 tokens both ways and NIP-42 AUTH events made by nostr-tools, checked by Hearth. */
class AuthInteropTest {
  private static final String URL = "https://relay.example/family/admin?page=2&q=a%20b";
  private static NipsNode node;
  private final PrivateKey key = PrivateKey.generate();

  @BeforeAll
  static void start() {
    node = NipsNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void nostrToolsNip98TokensAreAcceptedByJava() {
    String withBody =
        node.call(
                request("nip98Token")
                    .put("sk", key.hex())
                    .put("url", URL)
                    .put("method", "POST")
                    .set("payload", JSON.createObjectNode().put("method", "allowpubkey")))
            .asText();
    assertThat(withBody).startsWith("Nostr ");
    byte[] body = "{\"method\":\"allowpubkey\"}".getBytes(StandardCharsets.UTF_8);
    HttpAuthVerifier verifier = new HttpAuthVerifier();
    HttpAuthResult ok = verifier.verify(withBody, URL, "POST", body);
    assertThat(ok).isInstanceOf(HttpAuthResult.Ok.class);
    assertThat(((HttpAuthResult.Ok) ok).pubkey()).isEqualTo(key.publicKey());
    assertThat(verifier.verify(withBody, URL, "POST", "{}".getBytes()))
        .extracting(r -> ((HttpAuthResult.Failed) r).reason())
        .isEqualTo(HttpAuthResult.Reason.PAYLOAD_MISMATCH);
    assertThat(verifier.verify(withBody, URL.replace("page=2", "page=3"), "POST", body).ok())
        .isFalse();

    String get =
        node.call(request("nip98Token").put("sk", key.hex()).put("url", URL).put("method", "GET"))
            .asText();
    assertThat(verifier.verify(get, URL, "GET", null).ok()).isTrue();
    assertThat(verifier.verify(get, URL, "DELETE", null))
        .extracting(r -> ((HttpAuthResult.Failed) r).reason())
        .isEqualTo(HttpAuthResult.Reason.METHOD_MISMATCH);
  }

  @Test
  void javaNip98TokensAreAcceptedByNostrTools() {
    LocalSigner signer = new LocalSigner(key);
    byte[] body = "{\"method\":\"banpubkey\",\"params\":[\"x\"]}".getBytes(StandardCharsets.UTF_8);
    String header = Nip98.authorizationHeader(signer, URL, "POST", body);
    assertThat(
            node.call(
                    request("nip98Validate")
                        .put("token", header)
                        .put("url", URL)
                        .put("method", "post")
                        .set("body", readTree(body)))
                .asBoolean())
        .isTrue();
    assertThatThrownBy(
            () ->
                node.call(
                    request("nip98Validate")
                        .put("token", header)
                        .put("url", URL)
                        .put("method", "POST")
                        .set("body", JSON.createObjectNode().put("method", "other"))))
        .isInstanceOf(NipsNode.NodeError.class)
        .hasMessageContaining("payload tag does not match");
    String get = Nip98.authorizationHeader(signer, URL, "GET", null);
    assertThat(
            node.call(
                    request("nip98Validate").put("token", get).put("url", URL).put("method", "GET"))
                .asBoolean())
        .isTrue();
  }

  @Test
  void nostrToolsAuthEventsAreVerifiedByJava() throws Exception {
    AuthVerifier verifier = new AuthVerifier();
    String relay = "wss://relay.example/family";
    Event ok = auth(relay + "/", "chal-1", Instant.now().getEpochSecond());
    assertThat(verifier.verify(ok, "chal-1", relay)).isEqualTo(new AuthResult.Ok(key.publicKey()));
    assertThat(verifier.verify(ok, "chal-2", relay).ok()).isFalse();
    assertThat(verifier.verify(ok, "chal-1", "wss://relay.example/work").ok()).isFalse();
    Event old = auth(relay, "chal-1", Instant.now().getEpochSecond() - 3600);
    assertThat(verifier.verify(old, "chal-1", relay))
        .extracting(r -> ((AuthResult.Failed) r).reason())
        .isEqualTo(AuthResult.Reason.OUTSIDE_TIME_WINDOW);
  }

  private Event auth(String relay, String challenge, long createdAt) throws Exception {
    return Event.fromJson(
        JSON.writeValueAsString(
            node.call(
                request("nip42Auth")
                    .put("sk", key.hex())
                    .put("relay", relay)
                    .put("challenge", challenge)
                    .put("createdAt", createdAt))));
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
