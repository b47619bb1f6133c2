package org.hearth.nostr.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's {@code interop/*.mjs} scripts under Node (real nostr-tools). Fails
 * loudly (never skips) when Node or {@code interop/node_modules} is missing, because an interop
 * test that does not run proves nothing. Shared by every module's tests through nostr-core's
 * test-jar.
 */
public final class NodeScript {
  private static final long EXCHANGE_TIMEOUT_SECONDS = 120;

  /** Exit code and combined stdout/stderr of one run. */
  public record Result(int exitCode, String output) {
    /** The "ok - name" lines the script printed for passing checks. */
    public List<String> passed() {
      return output.lines().filter(l -> l.startsWith("ok - ")).toList();
    }
  }

  private NodeScript() {}

  /**
   * The repository's {@code interop} directory: from the system property {@code hearth.repo.root}
   * (set by Surefire), else the parent of the working directory.
   */
  public static Path interopDir() {
    String root = System.getProperty("hearth.repo.root");
    Path base =
        root == null || root.isBlank() ? Path.of("").toAbsolutePath().getParent() : Path.of(root);
    Path dir = base.resolve("interop");
    if (!Files.isDirectory(dir.resolve("node_modules").resolve("nostr-tools"))) {
      throw new IllegalStateException(
          dir.resolve("node_modules")
              + " has no nostr-tools: run `npm ci` in interop/ (or build without -Dskip.npm)");
    }
    return dir;
  }

  /**
   * Runs {@code node interop/<script> args...} with nothing on stdin, killing it after {@code
   * timeoutSeconds}; returns its exit code and combined output.
   */
  public static Result run(String script, long timeoutSeconds, String... args) {
    Path dir = interopDir();
    List<String> cmd = new ArrayList<>(List.of("node", script(dir, script).toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      CompletableFuture<String> out = read(p.getInputStream());
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return new Result(-1, out.join() + "\n(killed after " + timeoutSeconds + " s)");
      }
      return new Result(p.exitValue(), out.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run node " + script + " (is Node 20 on the PATH?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }

  /**
   * Runs {@code interop/<script>} with {@code input} on stdin and returns its stdout; a non-zero
   * exit or a run over two minutes fails with the script's stderr.
   */
  public static String exchange(String script, String input) {
    Path dir = interopDir();
    Process process;
    try {
      process =
          new ProcessBuilder("node", script(dir, script).toString())
              .directory(dir.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start `node` (is Node 20 on the PATH?): " + e, e);
    }
    try {
      CompletableFuture<String> out = read(process.getInputStream());
      CompletableFuture<String> err = read(process.getErrorStream());
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(EXCHANGE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            script + " did not finish in " + EXCHANGE_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            script + " exited with " + process.exitValue() + ": " + err.join());
      }
      return out.join();
    } catch (IOException e) {
      throw new IllegalStateException("talking to " + script + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    } finally {
      process.destroyForcibly();
    }
  }

  private static Path script(Path dir, String script) {
    Path file = dir.resolve(script);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("interop script missing: " + file);
    }
    return file;
  }

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(output lost: " + e + ")";
          }
        });
  }
}
