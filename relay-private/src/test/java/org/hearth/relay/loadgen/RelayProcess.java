package org.hearth.relay.loadgen;

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

/**
 * The relay as a child process: {@code java -jar target/quarkus-app/quarkus-run.jar} (the packaged
 * fast jar, run by the same JDK as the caller), on a free port, with the given environment. Knows
 * its pid, CPU time and RSS (from /proc), and can be killed with SIGKILL. Or, {@link #attach}ed, a
 * relay this process did not start (another implementation, for a reference on the same machine):
 * only its URL and pid are known, and closing it leaves it running.
 */
public final class RelayProcess implements AutoCloseable {
  private static final long CLOCK_TICK_MICROS = 10_000; // USER_HZ is 100 on Linux

  private final Process process;
  private final int port;
  private final Path log;
  private final String externalUrl;
  private final long externalPid;
  private final boolean auth;

  private RelayProcess(Process process, int port, Path log) {
    this(process, port, log, null, 0, true);
  }

  private RelayProcess(
      Process process, int port, Path log, String externalUrl, long externalPid, boolean auth) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.externalUrl = externalUrl;
    this.externalPid = externalPid;
    this.auth = auth;
  }

  /**
   * A relay already running at {@code url} as process {@code pid} (for CPU and RSS); {@code auth}
   * false when it sends no NIP-42 challenge (clients then neither wait for one nor authenticate).
   */
  public static RelayProcess attach(String url, long pid, boolean auth) {
    if (!Files.isRegularFile(Path.of("/proc/" + pid + "/stat"))) {
      throw new IllegalArgumentException("no process " + pid + " (--pid)");
    }
    return new RelayProcess(null, URI.create(url).getPort(), null, url, pid, auth);
  }

  /** False for an attached relay that does not speak NIP-42. */
  public boolean auth() {
    return auth;
  }

  /** The fast jar of this module, found from the working directory (module or repo root). */
  public static Path jar() {
    for (Path p :
        List.of(
            Path.of("target/quarkus-app/quarkus-run.jar"),
            Path.of("relay-private/target/quarkus-app/quarkus-run.jar"))) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException("no quarkus-run.jar: package relay-private first (mvn verify)");
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the relay with {@code env} on {@code port}, waiting until it reports ready. */
  public static RelayProcess start(
      int port, Map<String, String> env, List<String> jvmOptions, Path log) {
    return start(jar(), port, env, jvmOptions, log);
  }

  /** {@link #start(int, Map, List, Path)} of another build's {@code quarkus-run.jar}. */
  public static RelayProcess start(
      Path jar, int port, Map<String, String> env, List<String> jvmOptions, Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      RelayProcess r = new RelayProcess(pb.start(), port, log);
      r.awaitReady(Duration.ofSeconds(120));
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the relay", e);
    }
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the relay exited: " + logTail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    throw new IllegalStateException("the relay was not ready in " + timeout + ": " + logTail());
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process == null ? externalPid : process.pid();
  }

  /** The websocket URL of {@code relay} (an attached relay has one URL, whatever the name). */
  public String url(String relay) {
    return externalUrl != null ? externalUrl : "ws://127.0.0.1:" + port + "/" + relay;
  }

  /** User + system CPU time of the relay process so far, in microseconds (/proc/pid/stat). */
  public long cpuMicros() {
    long[] t = cpuTimesMicros(pid());
    return t[0] + t[1];
  }

  /** {user, system} CPU time of the relay process so far, in microseconds. */
  public long[] cpuTimesMicros() {
    return cpuTimesMicros(pid());
  }

  /** {user, system} CPU time of process {@code pid} so far, in microseconds (/proc/pid/stat). */
  static long[] cpuTimesMicros(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {
        Long.parseLong(f[11]) * CLOCK_TICK_MICROS, Long.parseLong(f[12]) * CLOCK_TICK_MICROS
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resident set size of the relay process, in KiB (/proc/pid/status VmRSS). */
  public long rssKib() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
      throw new IllegalStateException("no VmRSS for " + pid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  public void kill9() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(
            java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
            java.util.concurrent.TimeUnit.MILLISECONDS)) {
          kill9();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill9();
      }
    }
  }
}
