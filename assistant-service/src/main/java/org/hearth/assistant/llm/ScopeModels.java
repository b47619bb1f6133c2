package org.hearth.assistant.llm;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.db.Database;
import org.hearth.assistant.db.Jdbc;

/**
 * The model a finished fine-tune job gave each scope, persisted; it takes precedence over {@code
 * hearth-<relay>} and the base model while Ollama lists it.
 */
@ApplicationScoped
public class ScopeModels {
  private final Jdbc jdbc;
  private final OllamaGateway ollama;
  private final Clock clock;
  private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

  public ScopeModels(Database db, OllamaGateway ollama, Clock clock) {
    this.jdbc = new Jdbc(db.dataSource());
    this.ollama = ollama;
    this.clock = clock;
  }

  /**
   * The model answering for a scope: the one its last fine-tune job produced while Ollama lists it,
   * else {@link OllamaGateway#modelFor}; empty when Ollama is unreachable.
   */
  public Optional<String> modelFor(ScopeSettings scope) {
    ModelStatus s = ollama.status();
    if (!s.reachable()) {
      return Optional.empty();
    }
    Optional<String> tuned = get(scope.relay()).filter(s::has);
    return tuned.isPresent() ? tuned : ollama.modelFor(scope);
  }

  /** The model set for {@code relay} by a fine-tune job, if any. */
  public Optional<String> get(String relay) {
    return cache.computeIfAbsent(
        relay,
        r ->
            jdbc
                .query(
                    "reading the scope's model",
                    "SELECT model FROM assistant.scope_model WHERE relay = ?",
                    Jdbc.values(r),
                    rs -> rs.getString(1))
                .stream()
                .findFirst());
  }

  /**
   * Makes {@code model} the model of {@code relay}, as the result of job request {@code requestId}.
   */
  public void set(String relay, String model, String requestId) {
    jdbc.update(
        "storing the scope's model",
        "INSERT INTO assistant.scope_model (relay, model, request_id, updated_at) VALUES (?, ?, ?,"
            + " ?) ON CONFLICT (relay) DO UPDATE SET model = EXCLUDED.model, request_id ="
            + " EXCLUDED.request_id, updated_at = EXCLUDED.updated_at",
        Jdbc.values(relay, model, requestId, clock.instant().getEpochSecond()));
    cache.put(relay, Optional.of(model));
  }
}
