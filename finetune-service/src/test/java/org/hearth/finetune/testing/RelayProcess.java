package org.hearth.finetune.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * relay-private as a child process: its packaged fast jar ({@code
 * relay-private/target/quarkus-app/quarkus-run.jar}, built earlier in the reactor) run by this
 * JVM's java on a free port, with the given system properties. Waits until it reports ready.
 */
public final class RelayProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private RelayProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** relay-private's fast jar, found from the repository root. */
  public static Path jar() {
    String root = System.getProperty("hearth.repo.root");
    Path base = root == null ? Path.of("").toAbsolutePath().getParent() : Path.of(root);
    Path jar = base.resolve("relay-private/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no " + jar + ": build relay-private first (mvn verify -pl finetune-service -am)");
    }
    return jar;
  }

  public static RelayProcess start(Map<String, String> properties, Path log) {
    int port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-Dquarkus.http.port=" + port);
    cmd.add("-jar");
    cmd.add(jar().toString());
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      RelayProcess relay = new RelayProcess(pb.start(), port, log);
      relay.awaitReady(Duration.ofSeconds(120));
      return relay;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start relay-private", e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady(Duration timeout) {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (HttpClient http = HttpClient.newHttpClient()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          close();
          throw new IllegalStateException("relay-private exited: " + logTail());
        }
        try {
          if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    throw new IllegalStateException("relay-private was not ready in " + timeout + ": " + logTail());
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** {@code ws://127.0.0.1:<port>}: the base URL; a relay is at {@code <base>/<relay>}. */
  public String baseUrl() {
    return "ws://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
