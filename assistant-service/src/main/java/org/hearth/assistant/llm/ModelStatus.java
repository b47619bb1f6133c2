package org.hearth.assistant.llm;

import java.util.List;
import java.util.Optional;

/**
 * What Ollama offers right now.
 *
 * @param version Ollama's version, empty when unreachable
 * @param models model names from {@code /api/tags}
 */
public record ModelStatus(Optional<String> version, List<String> models) {
  public ModelStatus {
    models = List.copyOf(models);
  }

  public static ModelStatus unreachable() {
    return new ModelStatus(Optional.empty(), List.of());
  }

  public boolean reachable() {
    return version.isPresent();
  }

  /** True when {@code name} (or {@code name:latest}) is listed. */
  public boolean has(String name) {
    return models.contains(name)
        || (!name.contains(":") && models.contains(name + ":latest"))
        || (name.endsWith(":latest") && models.contains(name.substring(0, name.length() - 7)));
  }
}
