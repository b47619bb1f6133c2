package org.hearth.assistant.llm;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollama4j.models.embed.OllamaEmbedRequest;
import io.github.ollama4j.models.embed.OllamaEmbedResult;
import io.github.ollama4j.models.response.Model;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.OllamaHost;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.memory.Embedder;
import org.jboss.logging.Logger;

/**
 * Ollama through ollama4j, with the timeouts ollama4j lacks (its streams and embeddings have no
 * overall deadline): every call runs on a virtual thread bounded by a configured duration. Chat and
 * embed share one HTTP client ({@link SharedHttpOllama}); embeddings of short texts are cached.
 * Prompt and answer text are never logged.
 */
@ApplicationScoped
public class OllamaGateway implements Embedder {
  private static final Logger LOG = Logger.getLogger(OllamaGateway.class);

  /** Query embeddings kept for repeated questions (and the same text embedded twice). */
  private static final int EMBEDDING_CACHE_ENTRIES = 256;

  private static final int EMBEDDING_CACHE_MAX_CHARS = 2000;

  private final AssistantConfig.Ollama config;
  private final HttpClient http;
  private final Ollama client;
  private final Ollama probe;
  private final Clock clock;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, float[]> embeddings =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
              return size() > EMBEDDING_CACHE_ENTRIES;
            }
          });
  private volatile Cached cached = new Cached(ModelStatus.unreachable(), Instant.MIN);
  private final ReentrantLock probeLock = new ReentrantLock();

  private record Cached(ModelStatus status, Instant at) {}

  public OllamaGateway(AssistantConfig config, Clock clock) {
    this.config = config.ollama();
    this.clock = clock;
    String host = OllamaHost.normalize(this.config.host());
    // One HTTP client (keep-alive connections, one selector thread) for every chat and embedding.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(this.config.probeTimeout())
            .build();
    this.client = new SharedHttpOllama(host, http, this.config.requestTimeout());
    this.probe = new Ollama(host);
    probe.setRequestTimeoutSeconds(Math.max(1, this.config.probeTimeout().toSeconds()));
  }

  /** Ollama's version and models, cached for the configured TTL. */
  public ModelStatus status() {
    Cached c = cached;
    if (c.at().plus(config.modelCacheTtl()).isAfter(clock.instant())) {
      return c.status();
    }
    // One probe at a time: when the cache expires under load, the waiting callers share its
    // result instead of each asking Ollama (a burst of probes made them all time out).
    probeLock.lock();
    try {
      Cached again = cached;
      if (again != c && again.at().plus(config.modelCacheTtl()).isAfter(clock.instant())) {
        return again.status();
      }
      Instant now = clock.instant();
      ModelStatus fresh = probeNow();
      cached = new Cached(fresh, now);
      return fresh;
    } finally {
      probeLock.unlock();
    }
  }

  /** Forgets the cached model list (after a fine-tune registered a model, or in tests). */
  public void refresh() {
    cached = new Cached(ModelStatus.unreachable(), Instant.MIN);
  }

  private ModelStatus probeNow() {
    try {
      return call(
          () -> {
            String version = probe.getVersion();
            List<String> names = probe.listModels().stream().map(Model::getName).toList();
            return new ModelStatus(Optional.ofNullable(version), names);
          },
          config.probeTimeout().plusSeconds(1));
    } catch (Exception e) {
      LOG.debugf("Ollama unreachable: %s", e.getMessage());
      return ModelStatus.unreachable();
    }
  }

  /**
   * The model to use for a scope: {@code hearth-<relay>} when Ollama lists it, else the base model;
   * empty when Ollama is unreachable. {@link ScopeModels#modelFor} also knows fine-tune results.
   */
  public Optional<String> modelFor(ScopeSettings scope) {
    ModelStatus s = status();
    if (!s.reachable()) {
      return Optional.empty();
    }
    return Optional.of(s.has(scope.fineTunedModel()) ? scope.fineTunedModel() : scope.baseModel());
  }

  /** True when Ollama lists {@code model} now (the model list is read afresh). */
  public boolean hasModelNow(String model) {
    refresh();
    return status().has(model);
  }

  /** Streams a chat answer; {@code onChunk} sees each piece as it arrives. */
  public ChatOutcome chat(String model, List<ChatMessage> messages, Consumer<String> onChunk) {
    OllamaChatRequest request = OllamaChatRequest.builder().withModel(model);
    for (ChatMessage m : messages) {
      request.withMessage(role(m.role()), m.content());
    }
    request.withUseTools(false);
    StringBuilder streamed = new StringBuilder();
    Future<OllamaChatResult> f =
        executor.submit(
            () ->
                client.chat(
                    request.build(),
                    token -> {
                      if (token.getMessage() != null && token.getMessage().getResponse() != null) {
                        String piece = token.getMessage().getResponse();
                        synchronized (streamed) {
                          streamed.append(piece);
                        }
                        onChunk.accept(piece);
                      }
                    }));
    try {
      OllamaChatResult result = f.get(config.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
      String text = result.getResponseModel().getMessage().getResponse();
      return new ChatOutcome.Completed(text == null ? "" : text);
    } catch (TimeoutException e) {
      f.cancel(true);
      synchronized (streamed) {
        return new ChatOutcome.TimedOut(streamed.toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      return new ChatOutcome.Failed("interrupted");
    } catch (ExecutionException e) {
      refresh();
      return new ChatOutcome.Failed(reason(e.getCause()));
    }
  }

  @Override
  public Optional<float[]> embed(String text) {
    ModelStatus s = status();
    if (!s.reachable() || !s.has(config.embedModel())) {
      return Optional.empty();
    }
    boolean cacheable = text.length() <= EMBEDDING_CACHE_MAX_CHARS;
    float[] known = cacheable ? embeddings.get(text) : null;
    if (known != null) {
      return Optional.of(known);
    }
    Optional<float[]> fresh = embedNow(text);
    if (cacheable) {
      fresh.ifPresent(v -> embeddings.put(text, v));
    }
    return fresh;
  }

  private Optional<float[]> embedNow(String text) {
    try {
      OllamaEmbedResult r =
          call(
              () -> client.embed(new OllamaEmbedRequest(config.embedModel(), List.of(text))),
              config.embedTimeout());
      if (r.getEmbeddings() == null || r.getEmbeddings().isEmpty()) {
        return Optional.empty();
      }
      List<Double> v = r.getEmbeddings().get(0);
      float[] out = new float[v.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = v.get(i).floatValue();
      }
      return Optional.of(out);
    } catch (Exception e) {
      LOG.debugf("embedding failed: %s", reason(e));
      return Optional.empty();
    }
  }

  private <T> T call(Callable<T> task, Duration timeout) throws Exception {
    Future<T> f = executor.submit(task);
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  private static OllamaChatMessageRole role(ChatMessage.Role r) {
    return switch (r) {
      case SYSTEM -> OllamaChatMessageRole.SYSTEM;
      case USER -> OllamaChatMessageRole.USER;
      case ASSISTANT -> OllamaChatMessageRole.ASSISTANT;
    };
  }

  private static String reason(Throwable t) {
    if (t instanceof OllamaException && t.getMessage() != null) {
      String m = t.getMessage();
      return m.length() > 200 ? m.substring(0, 200) : m;
    }
    return t == null ? "unknown" : t.getClass().getSimpleName();
  }

  @PreDestroy
  void close() {
    executor.shutdownNow();
    http.close();
  }
}
