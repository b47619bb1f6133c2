package org.hearth.relay.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.nip86.Nip86;
import org.hearth.nostr.nip86.Nip86Client;
import org.hearth.nostr.nip86.Nip86Json;
import org.hearth.nostr.nip86.Nip86Response;
import org.hearth.nostr.nip86.RpcMethod;

/** Test access to the management API: the real client, and raw requests for hostile cases. */
final class AdminApi {
  /** A raw HTTP answer. */
  record Raw(int status, Nip86Response body) {
    String error() {
      return body.error().orElse("");
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final int port;

  AdminApi(int port) {
    this.port = port;
  }

  String url(String relay) {
    return "http://localhost:" + port + "/" + relay;
  }

  Nip86Client client(String relay, LocalSigner signer) {
    return new Nip86Client(
        HTTP,
        URI.create("ws://localhost:" + port + "/" + relay),
        signer,
        Duration.ofSeconds(20),
        Clock.systemUTC());
  }

  JsonNode call(String relay, LocalSigner signer, RpcMethod m, Object... params) {
    return client(relay, signer).call(m, params);
  }

  Raw raw(String relay, String contentType, String authorization, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(relay)))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> r =
          HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      Nip86Response parsed;
      try {
        parsed = Nip86Json.decodeResponse(r.body());
      } catch (RuntimeException e) {
        parsed = Nip86Response.error("(not NIP-86) " + r.body());
      }
      return new Raw(r.statusCode(), parsed);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Raw raw(String relay, String authorization, String body) {
    return raw(relay, Nip86.CONTENT_TYPE, authorization, body);
  }

  static LocalSigner freshKey() {
    return new LocalSigner(PrivateKey.generate());
  }
}
