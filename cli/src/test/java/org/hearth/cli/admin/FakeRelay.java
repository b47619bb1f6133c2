package org.hearth.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hearth.nostr.nip86.Nip86;
import org.hearth.nostr.nip86.Nip86Json;
import org.hearth.nostr.nip86.Nip86Request;
import org.hearth.nostr.nip86.Nip86Response;
import org.hearth.nostr.nip98.HttpAuthResult;
import org.hearth.nostr.nip98.HttpAuthVerifier;

/**
 * A NIP-86 endpoint that checks NIP-98 exactly like the relay, records calls and answers from a
 * table (default {@code true}). Stands in for the relay in CLI tests; the relay itself is tested
 * against the real CLI client in relay-private.
 */
final class FakeRelay implements AutoCloseable {
  record Call(String pubkey, Nip86Request request) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final Map<String, String> answers = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final HttpAuthVerifier verifier = new HttpAuthVerifier();

  FakeRelay() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/family",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          int status = 200;
          String out;
          if (ex.getRequestMethod().equals("GET")) {
            out = "{\"name\":\"family\",\"supported_nips\":[1,11,42,86]}";
          } else {
            HttpAuthResult r =
                verifier.verify(
                    ex.getRequestHeaders().getFirst("Authorization"), url(), "POST", body);
            if (r instanceof HttpAuthResult.Ok ok
                && Nip86.CONTENT_TYPE.equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
              Nip86Request req = Nip86Json.decodeRequest(body);
              calls.add(new Call(ok.pubkey().hex(), req));
              out = answers.getOrDefault(req.method(), Nip86Response.ok(true).toJson());
            } else {
              status = 401;
              out = Nip86Response.error("unauthorized").toJson();
            }
          }
          byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/family";
  }

  String wsUrl() {
    return url().replace("http://", "ws://");
  }

  Call last() {
    return calls.getLast();
  }

  List<JsonNode> lastParams() {
    return last().request().params();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
