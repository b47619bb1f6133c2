package org.hearth.assistant.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The live relay connection of each scope, for features that publish on their own. */
@ApplicationScoped
public class ScopeRelays {
  private final Map<String, ScopeRelay> byRelay = new ConcurrentHashMap<>();

  /** The connection of {@code relay}, empty when that assistant is not connected. */
  public Optional<ScopeRelay> get(String relay) {
    return Optional.ofNullable(byRelay.get(relay));
  }

  /** Registers the connection of a scope (replacing an earlier one). */
  public void put(String relay, ScopeRelay link) {
    byRelay.put(relay, link);
  }

  /** Forgets the connection of a scope if it is still {@code link}. */
  public void remove(String relay, ScopeRelay link) {
    byRelay.remove(relay, link);
  }
}
