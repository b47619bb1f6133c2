package org.hearth.nostr.testkit;

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
 * A Hearth service (relay-private, assistant-service, ...) as a child process: its packaged fast
 * jar ({@code <module>/target/quarkus-app/quarkus-run.jar}, built earlier in the reactor) run by
 * this JVM's java on a free port, with the given system properties. Waits until it reports ready. A
 * module whose tests use it lists the started module as a test-scoped {@code type pom} dependency,
 * so that the reactor packages it first.
 */
public final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;
  private final String module;

  private ServiceProcess(String module, Process process, int port, Path log) {
    this.module = module;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The fast jar of {@code module}, found from the repository root. */
  public static Path jar(String module) {
    String root = System.getProperty("hearth.repo.root");
    Path base = root == null ? Path.of("").toAbsolutePath().getParent() : Path.of(root);
    Path jar = base.resolve(module + "/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no " + jar + ": package " + module + " first (mvn verify -pl <this module> -am)");
    }
    return jar;
  }

  /** Starts relay-private with {@code properties}; see {@link #start(String, Map, Path)}. */
  public static ServiceProcess startRelay(Map<String, String> properties, Path log) {
    return start("relay-private", properties, log);
  }

  /**
   * Starts {@code module}'s fast jar with {@code properties} as system properties on a free port,
   * its output appended to {@code log}, and waits up to two minutes until it is ready.
   */
  public static ServiceProcess start(String module, Map<String, String> properties, Path log) {
    int port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-Dquarkus.http.port=" + port);
    cmd.add("-jar");
    cmd.add(jar(module).toString());
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      ServiceProcess service = new ServiceProcess(module, pb.start(), port, log);
      service.awaitReady(Duration.ofSeconds(120));
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + module, e);
    }
  }

  /** A port nobody listens on right now. */
  public static int freePort() {
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
          throw new IllegalStateException(module + " exited: " + logTail());
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
    throw new IllegalStateException(module + " was not ready in " + timeout + ": " + logTail());
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The HTTP port it listens on. */
  public int port() {
    return port;
  }

  /** {@code ws://127.0.0.1:<port>}: the base URL; a relay is at {@code <base>/<relay>}. */
  public String baseUrl() {
    return "ws://127.0.0.1:" + port;
  }

  /**
   * Kills the process without warning (SIGKILL on Linux: no shutdown hooks, nothing flushed) and
   * waits until it is gone: what a crash or an OOM kill does.
   */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
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
