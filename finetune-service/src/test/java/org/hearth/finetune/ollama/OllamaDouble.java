package org.hearth.finetune.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small real HTTP server speaking the slice of Ollama's API used for registration. It checks what
 * a real Ollama checks: a POSTed blob's bytes must hash to the digest in its path, and a create
 * request must name a known base model ({@code from}) and only adapter digests it holds.
 */
public final class OllamaDouble implements AutoCloseable {
  public record Request(String method, String path, byte[] body) {}

  private final HttpServer server;
  private final Set<String> knownModels;
  public final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  public final List<Request> requests = new CopyOnWriteArrayList<>();
  public final List<JsonNode> creates = new CopyOnWriteArrayList<>();

  public OllamaDouble(Set<String> knownModels) throws IOException {
    this.knownModels = ConcurrentHashMap.newKeySet();
    this.knownModels.addAll(knownModels);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/blobs/", this::blob);
    server.createContext("/api/create", this::create);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Makes a base model unknown, so creating a model from it fails like a real Ollama's 404. */
  public void forget(String model) {
    knownModels.remove(model);
  }

  /** Makes a model known. */
  public void learn(String model) {
    knownModels.add(model);
  }

  private void blob(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String path = ex.getRequestURI().getPath();
    requests.add(new Request(ex.getRequestMethod(), path, body));
    String digest = path.substring("/api/blobs/".length());
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      reply(ex, 400, "{\"error\":\"invalid digest format\"}");
    } else if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(blobs.containsKey(digest) ? 200 : 404, -1);
      ex.close();
    } else if (ex.getRequestMethod().equals("POST")) {
      if (!BlobDigest.of(body).equals(digest)) {
        reply(ex, 400, "{\"error\":\"digest mismatch\"}");
      } else {
        blobs.put(digest, body);
        ex.sendResponseHeaders(201, -1);
        ex.close();
      }
    } else {
      reply(ex, 405, "{\"error\":\"method not allowed\"}");
    }
  }

  private void create(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), body));
    JsonNode req = new ObjectMapper().readTree(body);
    creates.add(req);
    String from = req.path("from").asText("");
    if (!knownModels.contains(from)) {
      reply(ex, 404, "{\"error\":\"model '" + from + "' not found\"}");
      return;
    }
    JsonNode adapters = req.path("adapters");
    if (!adapters.isObject() || adapters.isEmpty()) {
      reply(ex, 400, "{\"error\":\"no adapters\"}");
      return;
    }
    for (JsonNode digest : adapters) {
      if (!blobs.containsKey(digest.asText())) {
        reply(ex, 400, "{\"error\":\"blob " + digest.asText() + " not found\"}");
        return;
      }
    }
    knownModels.add(req.path("model").asText());
    StringBuilder stream = new StringBuilder();
    stream.append("{\"status\":\"parsing modelfile\"}\n");
    adapters.forEach(
        d -> stream.append("{\"status\":\"using layer ").append(d.asText()).append("\"}\n"));
    stream.append("{\"status\":\"success\"}\n");
    reply(ex, 200, stream.toString());
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
