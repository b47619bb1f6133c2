package org.hearth.assistant.relay;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hearth.assistant.app.AssistantKeys;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.config.Scopes;
import org.hearth.assistant.dm.DmService;
import org.hearth.assistant.dm.MembershipService;
import org.hearth.assistant.finetune.RetrainService;
import org.hearth.assistant.memory.MemoryService;
import org.hearth.assistant.nostr.Nip19;
import org.jboss.logging.Logger;

/** Starts one {@link RelayLink} per assistant at startup and closes them at shutdown. */
@ApplicationScoped
public class RelayLinks {
  private static final Logger LOG = Logger.getLogger(RelayLinks.class);

  private final Scopes scopes;
  private final AssistantKeys keys;
  private final MemoryService memory;
  private final DmService dms;
  private final MembershipService membership;
  private final RetrainService retrain;
  private final ScopeRelays registry;
  private final AssistantConfig config;
  private final Clock clock;
  private final Map<String, RelayLink> links = new ConcurrentHashMap<>();
  private final ScheduledExecutorService purge =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());

  public RelayLinks(
      Scopes scopes,
      AssistantKeys keys,
      MemoryService memory,
      DmService dms,
      MembershipService membership,
      RetrainService retrain,
      ScopeRelays registry,
      AssistantConfig config,
      Clock clock) {
    this.scopes = scopes;
    this.keys = keys;
    this.memory = memory;
    this.dms = dms;
    this.membership = membership;
    this.retrain = retrain;
    this.registry = registry;
    this.config = config;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent ev) {
    for (ScopeSettings scope : scopes.all()) {
      var signer = keys.signerFor(scope.relay());
      LOG.infof(
          "assistant of relay %s: %s (DM it at %s)",
          scope.relay(), Nip19.npub(signer.publicKey()), scope.relayUrl());
      if (config.connect()) {
        connect(scope);
      }
    }
    purge.scheduleWithFixedDelay(this::purgeExpired, 10, 10, TimeUnit.MINUTES);
    purge.scheduleWithFixedDelay(this::backfill, 1, 1, TimeUnit.MINUTES);
  }

  private RelayLink connect(ScopeSettings scope) {
    RelayLink link =
        new RelayLink(
            scope,
            keys.signerFor(scope.relay()),
            memory,
            dms,
            membership,
            retrain,
            registry,
            config,
            clock);
    links.put(scope.relay(), link);
    link.start();
    return link;
  }

  /**
   * Closes the assistant's connection to its relay and opens a new one (as a restart of the service
   * would); returns the new link.
   */
  public RelayLink reconnect(String relay) {
    ScopeSettings scope =
        scopes.get(relay).orElseThrow(() -> new IllegalArgumentException("no relay " + relay));
    RelayLink old = links.remove(relay);
    if (old != null) {
      old.close();
    }
    return connect(scope);
  }

  private void purgeExpired() {
    for (ScopeSettings scope : scopes.all()) {
      try {
        memory.purgeExpired(scope.relay());
      } catch (RuntimeException e) {
        LOG.warnf("[%s] purging expired notes failed: %s", scope.relay(), e.getMessage());
      }
    }
  }

  private void backfill() {
    for (ScopeSettings scope : scopes.all()) {
      try {
        int n = memory.backfillEmbeddings(scope.relay(), 200);
        if (n > 0) {
          LOG.infof("[%s] embedded %d note(s) stored while Ollama was away", scope.relay(), n);
        }
      } catch (RuntimeException e) {
        LOG.warnf("[%s] embedding backfill failed: %s", scope.relay(), e.getMessage());
      }
    }
  }

  /** The live links by relay (empty when {@code hearth.assistant.connect} is false). */
  public Map<String, RelayLink> links() {
    return Map.copyOf(links);
  }

  void onStop(@Observes ShutdownEvent ev) {
    purge.shutdownNow();
    links.values().forEach(RelayLink::close);
    links.clear();
  }
}
