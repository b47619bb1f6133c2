package org.hearth.assistant.memory;

import java.util.Optional;

/** Turns text into an embedding vector; empty when no embedding model is reachable. */
@FunctionalInterface
public interface Embedder {
  Optional<float[]> embed(String text);

  /** An embedder that never has a model. */
  static Embedder none() {
    return text -> Optional.empty();
  }
}
