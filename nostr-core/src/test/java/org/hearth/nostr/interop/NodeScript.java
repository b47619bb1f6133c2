package org.hearth.nostr.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's {@code interop/*.mjs} scripts under Node: a JSON request on stdin, a
 * JSON answer on stdout. Fails loudly (never skips) when Node or {@code interop/node_modules} is
 * missing, because an interop test that does not run proves nothing.
 */
final class NodeScript {
  private static final long TIMEOUT_SECONDS = 120;

  private NodeScript() {}

  static Path interopDir() {
    String root = System.getProperty("hearth.repo.root");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "system property hearth.repo.root is not set (Surefire sets it to the repository root)");
    }
    Path dir = Path.of(root, "interop");
    if (!Files.isDirectory(dir.resolve("node_modules").resolve("nostr-tools"))) {
      throw new IllegalStateException(
          dir.resolve("node_modules")
              + " has no nostr-tools: run `npm ci` in interop/ (or build without -Dskip.npm)");
    }
    return dir;
  }

  /** Runs {@code interop/<script>} with {@code input} on stdin and returns its stdout. */
  static String run(String script, String input) {
    Path dir = interopDir();
    Path file = dir.resolve(script);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("interop script missing: " + file);
    }
    Process process;
    try {
      process = new ProcessBuilder("node", file.toString()).directory(dir.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start `node` (is Node 20 on the PATH?): " + e, e);
    }
    try {
      CompletableFuture<String> out = read(process.getInputStream());
      CompletableFuture<String> err = read(process.getErrorStream());
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(script + " did not finish in " + TIMEOUT_SECONDS + " s");
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

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
