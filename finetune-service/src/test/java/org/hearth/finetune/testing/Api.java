package org.hearth.finetune.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.hearth.nostr.crypto.LocalSigner;

/** Calls of the job API as a real client would make them: NIP-98 signed, over HTTP. */
public final class Api {
  private Api() {}

  public static URI url(String path) {
    return URI.create("http://localhost:" + RestAssured.port + path);
  }

  /** A request signed by {@code who} for this method, path and body. */
  public static RequestSpecification as(LocalSigner who, String method, String path, String body) {
    RequestSpecification r =
        RestAssured.given().header("Authorization", TestKeys.auth(who, url(path), method, body));
    if (body != null) {
      r = r.contentType("application/json").body(body);
    }
    return r;
  }

  /** One server-sent event. */
  public record SseEvent(String name, String data) {}

  /** Reads the job's event stream with java.net.http until it closes. */
  public static List<SseEvent> readEvents(LocalSigner who, String jobId) {
    String path = "/api/finetune/jobs/" + jobId + "/events";
    HttpRequest req =
        HttpRequest.newBuilder(url(path))
            .header("Accept", "text/event-stream")
            .header("Authorization", TestKeys.auth(who, url(path), "GET", null))
            .timeout(Duration.ofMinutes(5))
            .GET()
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<Stream<String>> resp = http.send(req, HttpResponse.BodyHandlers.ofLines());
      if (resp.statusCode() != 200) {
        throw new IllegalStateException("SSE answered " + resp.statusCode());
      }
      List<SseEvent> out = new ArrayList<>();
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line : (Iterable<String>) resp.body()::iterator) {
        if (line.isEmpty()) {
          if (name != null || !data.isEmpty()) {
            out.add(new SseEvent(name == null ? "message" : name, data.toString()));
          }
          name = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls until {@code done} holds (waiting, not timing: the bound only stops a hung test). */
  public static <T> T await(java.util.function.Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      T v = read.get();
      if (done.test(v)) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition never held; last value: " + v);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
