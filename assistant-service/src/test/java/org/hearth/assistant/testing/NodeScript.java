package org.hearth.assistant.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's {@code interop/*.mjs} scripts under Node (real nostr-tools), the
 * repository root coming from the system property {@code hearth.repo.root} (set by Surefire).
 */
public final class NodeScript {
  /** Exit code and combined stdout/stderr of one run. */
  public record Result(int exitCode, String output) {
    /** The "ok - name" lines the script printed for passing checks. */
    public List<String> passed() {
      return output.lines().filter(l -> l.startsWith("ok - ")).toList();
    }
  }

  private NodeScript() {}

  /** Runs {@code node interop/<script> args...}, killing it after {@code timeoutSeconds}. */
  public static Result run(String script, long timeoutSeconds, String... args) {
    String root = System.getProperty("hearth.repo.root");
    Path base = root == null ? Path.of("").toAbsolutePath().getParent() : Path.of(root);
    Path dir = base.resolve("interop");
    if (!Files.isDirectory(dir.resolve("node_modules/nostr-tools"))) {
      throw new IllegalStateException("nostr-tools is not installed: run `npm ci` in " + dir);
    }
    List<String> cmd = new ArrayList<>(List.of("node", dir.resolve(script).toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      StringBuilder out = new StringBuilder();
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (InputStream in = p.getInputStream()) {
                      out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                      out.append("(output lost: ").append(e).append(')');
                    }
                  });
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        reader.join(5000);
        return new Result(-1, out + "\n(killed after " + timeoutSeconds + " s)");
      }
      reader.join(5000);
      return new Result(p.exitValue(), out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run node " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
