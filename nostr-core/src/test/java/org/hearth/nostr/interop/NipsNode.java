package org.hearth.nostr.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One long-lived {@code node interop/nips.mjs} process driving nostr-tools: a test class starts
 * one, sends many JSON requests over stdin and reads one JSON answer per line. Fails loudly when
 * node or {@code interop/node_modules} is missing.
 */
final class NipsNode implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 30;

  private final Process process;
  private final Writer stdin;
  private final BufferedReader stdout;
  private final ExecutorService reader = Executors.newSingleThreadExecutor();

  /** nostr-tools said no: the message of the Error it threw. */
  static final class NodeError extends RuntimeException {
    NodeError(String message) {
      super(message);
    }
  }

  private NipsNode(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static NipsNode start() {
    String root = System.getProperty("hearth.repo.root");
    if (root == null) {
      throw new IllegalStateException(
          "system property hearth.repo.root is not set (Surefire sets it)");
    }
    Path interop = Path.of(root, "interop");
    if (!Files.isDirectory(interop.resolve("node_modules/nostr-tools"))) {
      throw new IllegalStateException(
          "interop/node_modules/nostr-tools is missing: run `npm ci` in " + interop);
    }
    try {
      Process p =
          new ProcessBuilder("node", interop.resolve("nips.mjs").toString())
              .directory(interop.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      return new NipsNode(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start node (is Node 20 installed and on PATH?)", e);
    }
  }

  static ObjectNode request(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  /** Sends a request and returns its {@code ok} value; throws {@link NodeError} for an error. */
  synchronized JsonNode call(ObjectNode request) {
    try {
      stdin.write(JSON.writeValueAsString(request));
      stdin.write('\n');
      stdin.flush();
      Future<String> line = reader.submit(stdout::readLine);
      String answer = line.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (answer == null) {
        throw new IllegalStateException("node exited (code " + process.waitFor() + ")");
      }
      JsonNode reply = JSON.readTree(answer);
      if (reply.has("error")) {
        throw new NodeError(reply.get("error").asText());
      }
      return reply.get("ok");
    } catch (TimeoutException e) {
      throw new IllegalStateException("node did not answer " + request.get("op") + " in time", e);
    } catch (IOException | java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("talking to node failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      stdin.close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    } finally {
      reader.shutdownNow();
    }
  }
}
