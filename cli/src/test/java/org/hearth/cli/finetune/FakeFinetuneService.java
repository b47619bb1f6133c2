package org.hearth.cli.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.hearth.nostr.nip98.HttpAuthResult;
import org.hearth.nostr.nip98.HttpAuthVerifier;
import org.hearth.nostr.nip98.ReplayGuard;

/**
 * The finetune service's REST API as docs/finetune-protocol.md specifies it, over a real socket:
 * NIP-98 checked with nostr-core's verifier and replay guard (owner/admin keys only), RFC 7807
 * problem details, and {@code /events} as a chunked {@code text/event-stream} that follows a script
 * of job states, drops the connection abruptly once mid-stream when asked, and resumes after {@code
 * Last-Event-ID}.
 */
final class FakeFinetuneService implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1, 2, 3};
  static final String REPORT = "# Fine-tune report: family\n\nLoss fell from 2.31 to 0.42.\n";

  /** A request that passed authentication. */
  record Call(String method, String uri, String pubkey, String body, String lastEventId) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final List<String> refusals = new CopyOnWriteArrayList<>();
  final Map<String, ObjectNode> jobs = new ConcurrentHashMap<>();
  final Map<String, List<ObjectNode>> scripts = new ConcurrentHashMap<>();

  /** Events written on the first stream before the connection is cut (0: never cut). */
  volatile int dropAfter;

  /**
   * Holds the cut back until the client has shown what it received (a client's HTTP stack may drop
   * data it had not handed on yet when the connection fails; that is what Last-Event-ID repairs,
   * but a test must know which id the client saw). Waits at most 30 s.
   */
  volatile BooleanSupplier dropWhen = () -> true;

  private final Set<String> admins;
  private final HttpServer server;
  private final HttpAuthVerifier verifier = new HttpAuthVerifier();
  private final ReplayGuard replay =
      new ReplayGuard(HttpAuthVerifier.DEFAULT_WINDOW, Clock.systemUTC());
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger streams = new AtomicInteger();

  FakeFinetuneService(Set<String> adminHex) throws IOException {
    this.admins = Set.copyOf(adminHex);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/finetune/jobs", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A job document as the contract describes it. */
  static ObjectNode job(String id, String state, String phase, Integer step, Double progress) {
    ObjectNode j = JSON.createObjectNode();
    j.put("id", id).put("relay", "family").put("state", state).put("phase", phase);
    if (step == null) {
      j.putNull("step");
    } else {
      j.put("step", step);
    }
    j.put("totalSteps", 20);
    if (progress == null) {
      j.putNull("progress");
    } else {
      j.put("progress", progress);
    }
    j.putNull("loss").putNull("tokensPerSecond").putNull("error").putNull("model");
    j.put("requestedBy", "ab".repeat(32)).put("requestEventId", "cd".repeat(32));
    j.put("createdAt", "2026-11-26T16:00:00Z").put("updatedAt", "2026-11-26T16:05:00Z");
    ObjectNode a = j.putObject("artifacts");
    a.putNull("lossCurve").putNull("report").putNull("manifest").putNull("adapter");
    return j;
  }

  /** A successful run: queued, dataset, three training steps, export, done. */
  static List<ObjectNode> successScript(String id) {
    List<ObjectNode> s = new ArrayList<>();
    s.add(job(id, "QUEUED", null, null, 0.0));
    s.add(job(id, "RUNNING", "dataset", null, 0.05));
    s.add(
        job(id, "RUNNING", "training", 5, 0.25).put("loss", 2.3125).put("tokensPerSecond", 812.4));
    s.add(job(id, "RUNNING", "training", 10, 0.5).put("loss", 1.5).put("tokensPerSecond", 830.0));
    s.add(
        job(id, "RUNNING", "training", 20, 0.9).put("loss", 0.4219).put("tokensPerSecond", 845.0));
    s.add(job(id, "RUNNING", "export", 20, 0.95).put("loss", 0.4219));
    ObjectNode done = job(id, "SUCCEEDED", "register", 20, 1.0).put("loss", 0.4219);
    done.put("model", "hearth-family");
    ObjectNode a = (ObjectNode) done.get("artifacts");
    String base = FinetuneClient.JOBS + "/" + id;
    a.put("lossCurve", base + "/loss.svg").put("report", base + "/report");
    a.put("manifest", base + "/manifest").put("adapter", base + "/adapter");
    s.add(done);
    return s;
  }

  /** Adds a job with its stream script; the job document is the script's last state. */
  void add(List<ObjectNode> script) {
    String id = script.getFirst().get("id").asText();
    scripts.put(id, script);
    jobs.put(id, script.getLast());
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String uri = ex.getRequestURI().toString();
    HttpAuthResult auth =
        verifier.verify(
            ex.getRequestHeaders().getFirst("Authorization"),
            url() + uri,
            ex.getRequestMethod(),
            body);
    if (!(auth instanceof HttpAuthResult.Ok ok)) {
      String why = ((HttpAuthResult.Failed) auth).message();
      refusals.add(why);
      problem(ex, 401, "Unauthorized", why);
      return;
    }
    if (!replay.firstUse(ok)) {
      refusals.add("replay");
      problem(ex, 401, "Unauthorized", "this authorization was already used");
      return;
    }
    if (!admins.contains(ok.pubkey().hex())) {
      problem(
          ex, 403, "Forbidden", ok.pubkey().hex() + " is not an owner or admin of relay family");
      return;
    }
    calls.add(
        new Call(
            ex.getRequestMethod(),
            uri,
            ok.pubkey().hex(),
            new String(body, StandardCharsets.UTF_8),
            ex.getRequestHeaders().getFirst("Last-Event-ID")));
    route(ex, ex.getRequestMethod(), ex.getRequestURI().getPath(), body);
  }

  private void route(HttpExchange ex, String method, String path, byte[] body) throws IOException {
    String rest = path.substring(FinetuneClient.JOBS.length());
    if (rest.isEmpty() && method.equals("POST")) {
      start(ex, body);
      return;
    }
    if (rest.isEmpty() && method.equals("GET")) {
      String query = ex.getRequestURI().getQuery();
      String relay = query != null && query.startsWith("relay=") ? query.substring(6) : null;
      var array = JSON.createArrayNode();
      jobs.values().stream()
          .filter(j -> relay == null || j.get("relay").asText().equals(relay))
          .sorted((a, b) -> b.get("id").asText().compareTo(a.get("id").asText()))
          .forEach(array::add);
      send(ex, 200, "application/json", array.toString().getBytes(StandardCharsets.UTF_8));
      return;
    }
    String[] parts = rest.substring(1).split("/");
    ObjectNode job = jobs.get(parts[0]);
    if (job == null) {
      problem(ex, 404, "Not Found", "no job " + parts[0]);
      return;
    }
    String what = parts.length > 1 ? parts[1] : "";
    switch (method + " " + what) {
      case "GET " -> send(ex, 200, "application/json", bytes(job));
      case "DELETE " -> {
        String state = job.get("state").asText();
        if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
          problem(ex, 409, "Conflict", "job " + parts[0] + " has already ended (" + state + ")");
          return;
        }
        job.put("state", "CANCELLED");
        send(ex, 200, "application/json", bytes(job));
      }
      case "GET events" -> events(ex, parts[0]);
      case "GET report" -> send(ex, 200, "text/markdown", REPORT.getBytes(StandardCharsets.UTF_8));
      case "GET loss.png" -> send(ex, 200, "image/png", PNG);
      default -> problem(ex, 404, "Not Found", "no such resource " + path);
    }
  }

  private void start(HttpExchange ex, byte[] body) throws IOException {
    JsonNode req;
    try {
      req = JSON.readTree(body);
    } catch (IOException e) {
      problem(ex, 400, "Bad Request", "the body is not JSON");
      return;
    }
    String relay = req.path("relay").asText("");
    if (!relay.equals("family")) {
      problem(ex, 404, "Not Found", "no relay \"" + relay + "\"");
      return;
    }
    String id = "job-" + ids.incrementAndGet();
    add(successScript(id));
    ObjectNode queued = scripts.get(id).getFirst();
    ex.getResponseHeaders().add("Location", FinetuneClient.JOBS + "/" + id);
    send(ex, 202, "application/json", bytes(queued));
  }

  /**
   * The stream: the current state first (on a reconnection: the last state the client saw, again
   * under its id), then every later state as {@code progress}, the last as {@code done}. The first
   * stream of the run is cut after {@link #dropAfter} events when that is set.
   */
  private void events(HttpExchange ex, String id) throws IOException {
    List<ObjectNode> script = scripts.get(id);
    String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
    int from = last == null ? 0 : Integer.parseInt(last) - 1;
    boolean cut = streams.incrementAndGet() == 1 && dropAfter > 0;
    ex.getResponseHeaders().add("Content-Type", "text/event-stream");
    ex.getResponseHeaders().add("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    out.write(": hello\nretry: 5\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
    int written = 0;
    for (int i = from; i < script.size(); i++) {
      String name = i == script.size() - 1 ? "done" : "progress";
      String frame = "id: " + (i + 1) + "\nevent: " + name + "\ndata: " + script.get(i) + "\n\n";
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (cut && ++written == dropAfter) {
        awaitDrop();
        // An uncaught exception makes the JDK server close the socket without ending the
        // chunked body: the client sees the connection break mid-stream.
        throw new IOException("dropping the event stream on purpose");
      }
    }
    out.close();
  }

  private void awaitDrop() throws IOException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!dropWhen.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
  }

  private static byte[] bytes(JsonNode n) {
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void problem(HttpExchange ex, int status, String title, String detail)
      throws IOException {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "about:blank").put("title", title).put("status", status).put("detail", detail);
    send(ex, status, "application/problem+json", bytes(p));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  int streamsOpened() {
    return streams.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
