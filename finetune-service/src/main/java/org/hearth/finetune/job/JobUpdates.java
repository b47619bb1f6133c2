package org.hearth.finetune.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * In-process notifications "job X changed" for live streams (SSE). The row in PostgreSQL stays the
 * truth: listeners re-read it. Listeners must not block.
 */
@ApplicationScoped
public class JobUpdates {
  private final Set<Consumer<UUID>> listeners = ConcurrentHashMap.newKeySet();

  /** Registers a listener; the returned handle removes it. */
  public AutoCloseable listen(Consumer<UUID> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void changed(UUID id) {
    for (Consumer<UUID> l : listeners) {
      l.accept(id);
    }
  }
}
