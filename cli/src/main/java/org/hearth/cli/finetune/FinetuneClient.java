package org.hearth.cli.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip98.Nip98;

/**
 * The finetune service's REST API (docs/finetune-protocol.md), every call signed with NIP-98.
 * Errors become {@link FinetuneCallException}s carrying the service's problem details.
 *
 * <p>NIP-98 events with the same URL, method and body in the same second have the same id, which a
 * service with replay protection refuses as a replay (a quick reconnection to the event stream, or
 * {@code hearth finetune status} run twice in a second). Every auth event therefore carries a
 * random {@code nonce} tag, which NIP-98 verifiers ignore, so each request has its own id.
 */
public final class FinetuneClient {
  static final String JOBS = "/api/finetune/jobs";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final Signer signer;
  private final Duration timeout;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public FinetuneClient(HttpClient http, URI base, Signer signer, Duration timeout, Clock clock) {
    String b = base.toString();
    if (!(b.startsWith("http://") || b.startsWith("https://"))) {
      throw new IllegalArgumentException(
          "the finetune service URL must start with http:// or https://, got " + b);
    }
    this.http = http;
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.signer = signer;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The service's base URL, without a trailing slash. */
  public URI base() {
    return base;
  }

  /** {@code url} made absolute against the service (artifact URLs may be relative). */
  public String absolute(String url) {
    return url.startsWith("http://") || url.startsWith("https://")
        ? url
        : base + (url.startsWith("/") ? url : "/" + url);
  }

  /** What {@code start} sends; null fields are left out. */
  public record StartRequest(
      String relay, String baseModel, Integer steps, Double learningRate, Integer rank) {}

  /** {@code POST /api/finetune/jobs}: the new job (202 Accepted). */
  public Job start(StartRequest r) {
    ObjectNode body = JSON.createObjectNode().put("relay", r.relay());
    if (r.baseModel() != null) {
      body.put("baseModel", r.baseModel());
    }
    if (r.steps() != null) {
      body.put("steps", r.steps());
    }
    if (r.learningRate() != null) {
      body.put("learningRate", r.learningRate());
    }
    if (r.rank() != null) {
      body.put("rank", r.rank());
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return Job.fromJson(json(send("POST", JOBS, bytes, "application/json")));
  }

  /** {@code GET /api/finetune/jobs[?relay=]}: jobs, newest first. */
  public List<Job> list(Optional<String> relay) {
    String path =
        relay
            .map(r -> JOBS + "?relay=" + URLEncoder.encode(r, StandardCharsets.UTF_8))
            .orElse(JOBS);
    JsonNode array = json(send("GET", path, null, "application/json"));
    if (!array.isArray()) {
      throw FinetuneCallException.badResponse("the service's job list is not an array");
    }
    List<Job> jobs = new ArrayList<>();
    for (JsonNode j : array) {
      jobs.add(Job.fromJson(j));
    }
    return jobs;
  }

  /** {@code GET /api/finetune/jobs/<id>}. */
  public Job job(String id) {
    return Job.fromJson(json(send("GET", jobPath(id), null, "application/json")));
  }

  /** {@code DELETE /api/finetune/jobs/<id>}: the job after cancelling, when the service says. */
  public Optional<Job> cancel(String id) {
    HttpResponse<byte[]> r = send("DELETE", jobPath(id), null, "application/json");
    return r.body().length == 0 ? Optional.empty() : Optional.of(Job.fromJson(json(r)));
  }

  /** {@code GET /api/finetune/jobs/<id>/report}: the markdown report. */
  public String report(String id) {
    return new String(
        send("GET", jobPath(id) + "/report", null, "text/markdown").body(), StandardCharsets.UTF_8);
  }

  /** {@code GET /api/finetune/jobs/<id>/loss.png}: the loss curve as PNG. */
  public byte[] lossPng(String id) {
    return send("GET", jobPath(id) + "/loss.png", null, "image/png").body();
  }

  /**
   * Opens {@code GET /api/finetune/jobs/<id>/events} and hands every line to {@code lines} until
   * the stream ends or {@code lines} returns false. Returns normally then; a {@link
   * FinetuneCallException} with status 0 when the connection failed or broke, with the HTTP status
   * when the service refused.
   */
  public void events(String id, Optional<String> lastEventId, Predicate<String> lines) {
    URI url = url(jobPath(id) + "/events");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Accept", "text/event-stream")
            .header("Cache-Control", "no-cache")
            .header("Authorization", authorization(url, "GET", null))
            .GET();
    lastEventId.ifPresent(v -> b.header("Last-Event-ID", v));
    HttpResponse<Stream<String>> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FinetuneCallException.unreachable("interrupted while calling " + url);
    }
    try (Stream<String> body = r.body()) {
      if (r.statusCode() != 200) {
        String text = String.join("\n", body.toList());
        throw problem(
            r.statusCode(),
            r.headers().firstValue("Content-Type"),
            text.getBytes(StandardCharsets.UTF_8));
      }
      for (Iterator<String> it = body.iterator(); it.hasNext(); ) {
        if (!lines.test(it.next())) {
          return;
        }
      }
    } catch (UncheckedIOException e) {
      throw FinetuneCallException.unreachable("the event stream broke: " + describe(e.getCause()));
    }
  }

  private static String jobPath(String id) {
    if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException("not a job id: \"" + id + "\"");
    }
    return JOBS + "/" + id;
  }

  private URI url(String path) {
    return URI.create(base + path);
  }

  private HttpResponse<byte[]> send(String method, String path, byte[] body, String accept) {
    URI url = url(path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Accept", accept + ", application/problem+json")
            .header("Authorization", authorization(url, method, body));
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw FinetuneCallException.unreachable(
          "no answer from " + base + " within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FinetuneCallException.unreachable("interrupted while calling " + url);
    }
    if (r.statusCode() / 100 != 2) {
      throw problem(r.statusCode(), r.headers().firstValue("Content-Type"), r.body());
    }
    return r;
  }

  private static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw FinetuneCallException.badResponse("the service's answer is not JSON");
    }
  }

  /** The service's problem details (RFC 7807), or the bare status when it sent none. */
  static FinetuneCallException problem(int status, Optional<String> contentType, byte[] body) {
    String title = "the finetune service answered";
    Optional<String> detail = Optional.empty();
    boolean isJson =
        contentType
            .map(c -> c.startsWith("application/problem+json") || c.startsWith("application/json"))
            .orElse(false);
    if (isJson) {
      try {
        JsonNode p = JSON.readTree(body);
        if (p.hasNonNull("title")) {
          title = p.get("title").asText();
        }
        if (p.hasNonNull("detail")) {
          detail = Optional.of(p.get("detail").asText());
        }
      } catch (IOException e) {
        // not a problem document: the status alone says it
      }
    }
    return new FinetuneCallException(status, title, detail);
  }

  private String authorization(URI url, String method, byte[] body) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    EventTemplate t =
        Nip98.template(url.toString(), method, body)
            .withCreatedAt(clock.instant().getEpochSecond())
            .withTag("nonce", Hex.encode(nonce));
    return Nip98.header(signer.sign(t));
  }

  private FinetuneCallException unreachable(IOException e) {
    return FinetuneCallException.unreachable("cannot reach " + base + ": " + describe(e));
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused (is the finetune service running at that address?)";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
