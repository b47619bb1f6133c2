package org.hearth.assistant.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.chat.OllamaChatMessage;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollama4j.models.chat.OllamaChatTokenHandler;
import io.github.ollama4j.models.embed.OllamaEmbedRequest;
import io.github.ollama4j.models.embed.OllamaEmbedResult;
import io.github.ollama4j.utils.Utils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * ollama4j's {@link Ollama} whose two calls on every answer's path, chat and embed, go through one
 * shared {@link HttpClient} (kept-alive connections) instead of the new client ollama4j 1.1.6
 * builds for every call (a selector thread and a fresh TCP connection each time, the main per-DM
 * overhead measured in docs/benchmarks.md). Requests and responses stay ollama4j's own types,
 * serialized with ollama4j's object mapper; chats with tools fall back to ollama4j's own
 * implementation. Everything else (version, tags, show, create) is ollama4j unchanged.
 */
final class SharedHttpOllama extends Ollama {
  private static final ObjectMapper JSON = Utils.getObjectMapper();
  private static final int MAX_ERROR_CHARS = 2000;

  private final String host;
  private final HttpClient http;
  private final Duration requestTimeout;

  SharedHttpOllama(String host, HttpClient http, Duration requestTimeout) {
    super(host);
    this.host = host;
    this.http = http;
    this.requestTimeout = requestTimeout;
    setRequestTimeoutSeconds(Math.max(1, requestTimeout.toSeconds()));
  }

  @Override
  public OllamaEmbedResult embed(OllamaEmbedRequest request) throws OllamaException {
    try {
      HttpResponse<String> r =
          http.send(
              post(
                  "/api/embed",
                  HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != 200) {
        throw new OllamaException(r.statusCode() + " - " + clip(r.body()));
      }
      return JSON.readValue(r.body(), OllamaEmbedResult.class);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OllamaException("interrupted", e);
    } catch (IOException e) {
      throw new OllamaException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public OllamaChatResult chat(OllamaChatRequest request, OllamaChatTokenHandler handler)
      throws OllamaException {
    if (request.isUseTools() && request.getTools() != null && !request.getTools().isEmpty()) {
      return super.chat(request, handler);
    }
    request.setStream(handler != null);
    try {
      HttpResponse<InputStream> r =
          http.send(
              post("/api/chat", request.getBodyPublisher()),
              HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        if (r.statusCode() != 200) {
          StringBuilder err = new StringBuilder();
          for (String line = in.readLine();
              line != null && err.length() < MAX_ERROR_CHARS;
              line = in.readLine()) {
            err.append(line);
          }
          throw new OllamaException(r.statusCode() + " - " + clip(err.toString()));
        }
        return read(in, request, handler);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OllamaException("interrupted", e);
    } catch (IOException e) {
      throw new OllamaException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static OllamaChatResult read(
      BufferedReader in, OllamaChatRequest request, OllamaChatTokenHandler handler)
      throws IOException, OllamaException {
    StringBuilder text = new StringBuilder();
    OllamaChatResponseModel last = null;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      OllamaChatResponseModel m = JSON.readValue(line, OllamaChatResponseModel.class);
      if (m.getError() != null) {
        throw new OllamaException(clip(m.getError()));
      }
      if (m.getMessage() != null && m.getMessage().getResponse() != null) {
        text.append(m.getMessage().getResponse());
      }
      if (handler != null) {
        handler.accept(m);
      }
      last = m;
      if (m.isDone()) {
        break;
      }
    }
    if (last == null) {
      throw new OllamaException("empty response from /api/chat");
    }
    if (last.getMessage() == null) {
      last.setMessage(new OllamaChatMessage());
    }
    last.getMessage().setResponse(text.toString());
    return new OllamaChatResult(last, request.getMessages());
  }

  private HttpRequest post(String path, HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(URI.create(host + path))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .timeout(requestTimeout)
        .POST(body)
        .build();
  }

  private static String clip(String s) {
    return s == null || s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS);
  }
}
