package org.hearth.assistant.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A test double of Ollama's HTTP API on a real socket (ephemeral port), speaking Ollama's wire
 * format: {@code GET /api/version}, {@code GET /api/tags}, {@code POST /api/show}, {@code POST
 * /api/chat} (NDJSON streaming when {@code stream} is absent or true, one object otherwise) and
 * {@code POST /api/embed}. Embeddings are deterministic bags of words, so texts sharing words are
 * similar. Every chat request is recorded for assertions.
 */
public final class OllamaDouble implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int DIMENSIONS = 1024;

  /** A chat request as the double received it. */
  public record ChatCall(String model, List<Message> messages, boolean stream) {
    /** The concatenated text of every message (to assert what a prompt contains). */
    public String allText() {
      StringBuilder sb = new StringBuilder();
      messages.forEach(m -> sb.append(m.content()).append('\n'));
      return sb.toString();
    }
  }

  /** One message of a recorded chat request. */
  public record Message(String role, String content) {}

  private final HttpServer server;
  private final Set<String> models = ConcurrentHashMap.newKeySet();
  private final List<String> initialModels;
  private final List<ChatCall> chats = new CopyOnWriteArrayList<>();
  private final List<String> embedded = new CopyOnWriteArrayList<>();
  private volatile Function<ChatCall, String> answer = c -> "The double read your notes.";
  private volatile int chunks = 4;
  private volatile boolean down;
  private volatile Duration chunkDelay = Duration.ZERO;

  static {
    // Ollama (Go's net/http) sets TCP_NODELAY on every connection; the JDK's HttpServer does not
    // unless told, and its small NDJSON chunks would then wait for delayed ACKs (~40 ms each).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  public OllamaDouble(String... modelNames) {
    initialModels = List.of(modelNames);
    models.addAll(initialModels);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/api/version", guard(this::version));
    server.createContext("/api/tags", guard(this::tags));
    server.createContext("/api/show", guard(this::show));
    server.createContext("/api/chat", guard(this::chat));
    server.createContext("/api/embed", guard(this::embed));
    server.start();
  }

  private com.sun.net.httpserver.HttpHandler guard(com.sun.net.httpserver.HttpHandler h) {
    return x -> {
      if (down) {
        x.close(); // hang up without an answer, as a dead or unreachable server would
        return;
      }
      h.handle(x);
    };
  }

  /** While down, every request is hung up on without a response. */
  public void down(boolean isDown) {
    this.down = isDown;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void addModel(String name) {
    models.add(name);
  }

  public void removeModel(String name) {
    models.remove(name);
  }

  /** How the double answers a chat. */
  public void answerWith(Function<ChatCall, String> f) {
    this.answer = f;
  }

  /** Streams each answer as {@code n} chunks, waiting {@code delay} before each. */
  public void streaming(int n, Duration delay) {
    this.chunks = n;
    this.chunkDelay = delay;
  }

  public List<ChatCall> chats() {
    return List.copyOf(chats);
  }

  public List<String> embeddedTexts() {
    return List.copyOf(embedded);
  }

  public void reset() {
    chats.clear();
    embedded.clear();
    answer = c -> "The double read your notes.";
    chunks = 4;
    chunkDelay = Duration.ZERO;
    down = false;
    models.clear();
    models.addAll(initialModels);
  }

  private void version(HttpExchange x) throws IOException {
    if (!method(x, "GET")) {
      return;
    }
    send(x, 200, JSON.createObjectNode().put("version", "0.12.6"));
  }

  private void tags(HttpExchange x) throws IOException {
    if (!method(x, "GET")) {
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("models");
    for (String m : models.stream().sorted().toList()) {
      ObjectNode n = list.addObject();
      n.put("name", m).put("model", m).put("modified_at", "2026-11-01T10:00:00.000000000Z");
      n.put("size", 2019393189L).put("digest", Integer.toHexString(m.hashCode()));
      details(n.putObject("details"));
    }
    send(x, 200, root);
  }

  private void show(HttpExchange x) throws IOException {
    if (!method(x, "POST")) {
      return;
    }
    JsonNode req = JSON.readTree(x.getRequestBody());
    String model = req.path("model").asText(req.path("name").asText(""));
    if (!hasModel(model)) {
      error(x, 404, "model '" + model + "' not found");
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("license", "test").put("modelfile", "FROM " + model).put("parameters", "");
    root.put("template", "{{ .Prompt }}");
    details(root.putObject("details"));
    ArrayNode caps = root.putArray("capabilities");
    caps.add(model.contains("embed") ? "embedding" : "completion");
    root.put("modified_at", "2026-11-01T10:00:00.000000000Z");
    send(x, 200, root);
  }

  private void chat(HttpExchange x) throws IOException {
    if (!method(x, "POST")) {
      return;
    }
    JsonNode req = JSON.readTree(x.getRequestBody());
    String model = req.path("model").asText("");
    if (!hasModel(model)) {
      error(x, 404, "model \"" + model + "\" not found, try pulling it first");
      return;
    }
    List<Message> messages = new ArrayList<>();
    for (JsonNode m : req.path("messages")) {
      messages.add(new Message(m.path("role").asText(), m.path("content").asText()));
    }
    boolean stream = !req.has("stream") || req.get("stream").asBoolean(true);
    ChatCall call = new ChatCall(model, List.copyOf(messages), stream);
    chats.add(call);
    String text = answer.apply(call);
    if (!stream) {
      send(x, 200, chunk(model, text, true));
      return;
    }
    x.getResponseHeaders().set("Content-Type", "application/x-ndjson");
    x.sendResponseHeaders(200, 0);
    try (OutputStream out = x.getResponseBody()) {
      for (String piece : split(text, chunks)) {
        pause();
        out.write((JSON.writeValueAsString(chunk(model, piece, false)) + "\n").getBytes(UTF8));
        out.flush();
      }
      out.write((JSON.writeValueAsString(chunk(model, "", true)) + "\n").getBytes(UTF8));
    } catch (IOException clientGone) {
      // The client hung up (for example after its timeout): nothing more to send.
    }
  }

  private void embed(HttpExchange x) throws IOException {
    if (!method(x, "POST")) {
      return;
    }
    JsonNode req = JSON.readTree(x.getRequestBody());
    String model = req.path("model").asText("");
    if (!hasModel(model)) {
      error(x, 404, "model \"" + model + "\" not found, try pulling it first");
      return;
    }
    List<String> inputs = new ArrayList<>();
    JsonNode in = req.path("input");
    if (in.isArray()) {
      in.forEach(n -> inputs.add(n.asText()));
    } else {
      inputs.add(in.asText());
    }
    embedded.addAll(inputs);
    ObjectNode root = JSON.createObjectNode().put("model", model);
    ArrayNode all = root.putArray("embeddings");
    for (String s : inputs) {
      ArrayNode v = all.addArray();
      for (double d : vector(s)) {
        v.add(d);
      }
    }
    root.put("total_duration", 1_000_000L).put("load_duration", 1000L);
    root.put("prompt_eval_count", inputs.size());
    send(x, 200, root);
  }

  /**
   * The double's embedding of a text: signed feature hashing of its words into 1024 dimensions,
   * L2-normalized, so texts sharing words are similar and unrelated texts are near 0.
   */
  public static double[] vector(String text) {
    double[] v = new double[DIMENSIONS];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() > 2) {
        int h = w.hashCode() * 0x9E3779B9;
        v[Math.floorMod(h, DIMENSIONS)] += (h >>> 31) == 0 ? 1 : -1;
      }
    }
    double n = 0;
    for (double d : v) {
      n += d * d;
    }
    n = Math.sqrt(n);
    for (int i = 0; i < v.length && n > 0; i++) {
      v[i] /= n;
    }
    return v;
  }

  private boolean hasModel(String m) {
    return models.contains(m) || (!m.contains(":") && models.contains(m + ":latest"));
  }

  private static ObjectNode chunk(String model, String content, boolean done) {
    ObjectNode n = JSON.createObjectNode();
    n.put("model", model).put("created_at", Instant.now().toString());
    n.putObject("message").put("role", "assistant").put("content", content);
    n.put("done", done);
    if (done) {
      n.put("done_reason", "stop").put("total_duration", 1_000_000L);
      n.put("load_duration", 1000L).put("prompt_eval_count", 10).put("prompt_eval_duration", 1000L);
      n.put("eval_count", 10).put("eval_duration", 1000L);
    }
    return n;
  }

  private static List<String> split(String text, int n) {
    List<String> out = new ArrayList<>();
    int size = Math.max(1, (int) Math.ceil(text.length() / (double) Math.max(1, n)));
    for (int i = 0; i < text.length(); i += size) {
      out.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return out;
  }

  private void pause() {
    if (!chunkDelay.isZero()) {
      try {
        Thread.sleep(chunkDelay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void details(ObjectNode d) {
    d.put("parent_model", "").put("format", "gguf").put("family", "llama");
    d.putArray("families").add("llama");
    d.put("parameter_size", "3.2B").put("quantization_level", "Q4_K_M");
  }

  private static boolean method(HttpExchange x, String expected) throws IOException {
    if (x.getRequestMethod().equals(expected)) {
      return true;
    }
    error(x, 405, "method not allowed");
    return false;
  }

  private static void error(HttpExchange x, int status, String message) throws IOException {
    send(x, status, JSON.createObjectNode().put("error", message));
  }

  private static void send(HttpExchange x, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  @Override
  public void close() {
    server.stop(0);
  }
}
