package org.hearth.nostr.nip86;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.nip86.Nip86CallException.Reason;
import org.hearth.nostr.nip98.HttpAuthResult;
import org.hearth.nostr.nip98.HttpAuthVerifier;
import org.hearth.nostr.nip98.ReplayGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a JDK HTTP server that checks NIP-98 like a relay does. */
class Nip86ClientTest {
  private static final LocalSigner ADMIN = new LocalSigner(PrivateKey.fromHex("0e".repeat(32)));
  private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
  private final HttpAuthVerifier verifier = new HttpAuthVerifier(Duration.ofSeconds(60), clock);
  private final ReplayGuard replay = new ReplayGuard(Duration.ofSeconds(60), clock);
  private final List<String> contentTypes = new ArrayList<>();
  private final AtomicReference<String> answer = new AtomicReference<>("{\"result\":true}");
  private HttpServer server;
  private URI relay;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/family",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          contentTypes.add(ex.getRequestHeaders().getFirst("Content-Type"));
          String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/family";
          HttpAuthResult r =
              verifier.verify(ex.getRequestHeaders().getFirst("Authorization"), url, "POST", body);
          int status = 200;
          String out = answer.get();
          if (!(r instanceof HttpAuthResult.Ok ok) || !replay.firstUse(ok)) {
            status = 401;
            out = Nip86Response.error("unauthorized: " + r).toJson();
          } else {
            Nip86Request req = Nip86Json.decodeRequest(body);
            if (req.method().equals("echo")) {
              out = Nip86Response.ok(req.params()).toJson();
            }
          }
          byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    server.start();
    relay = URI.create("ws://127.0.0.1:" + server.getAddress().getPort() + "/family");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Nip86Client client() {
    return new Nip86Client(HttpClient.newHttpClient(), relay, ADMIN, Duration.ofSeconds(5), clock);
  }

  @Test
  void sendsSignedRpcWithPayloadHash() {
    assertThat(client().call(Nip86Method.BAN_PUBKEY, "ab".repeat(32)).booleanValue()).isTrue();
    assertThat(contentTypes).containsExactly(Nip86.CONTENT_TYPE);
    assertThat(client().url().toString()).startsWith("http://127.0.0.1:");
  }

  @Test
  void repeatsOfTheSameCallAreNotReplays() {
    Nip86Client c = client();
    for (int i = 0; i < 3; i++) {
      assertThat(c.call(Nip86Method.LIST_BANNED_PUBKEYS).booleanValue()).isTrue();
    }
  }

  @Test
  void relayErrorsBecomeRefusals() {
    answer.set("{\"result\":null,\"error\":\"unknown method\"}");
    assertThatThrownBy(() -> client().call(Nip86Method.SUPPORTED_METHODS))
        .isInstanceOfSatisfying(
            Nip86CallException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
        .hasMessage("unknown method");
  }

  @Test
  void garbageAnswersAreReported() {
    answer.set("<html>");
    assertThatThrownBy(() -> client().call(Nip86Method.SUPPORTED_METHODS))
        .isInstanceOfSatisfying(
            Nip86CallException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE));
  }

  @Test
  void wrongUrlGives401() {
    Nip86Client wrong =
        new Nip86Client(
            HttpClient.newHttpClient(),
            URI.create(relay.toString().replace("127.0.0.1", "localhost")),
            ADMIN,
            Duration.ofSeconds(5),
            clock);
    assertThatThrownBy(() -> wrong.call(Nip86Method.SUPPORTED_METHODS))
        .isInstanceOfSatisfying(
            Nip86CallException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
              assertThat(e.status()).isEqualTo(401);
            })
        .hasMessageContaining("URL_MISMATCH");
  }

  @Test
  void unreachableRelayIsSaidPlainly() {
    server.stop(0);
    assertThatThrownBy(() -> client().call(Nip86Method.SUPPORTED_METHODS))
        .isInstanceOfSatisfying(
            Nip86CallException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
        .hasMessageContaining("cannot reach")
        .hasMessageEndingWith("connection refused (is the relay running at that address?)");
  }
}
