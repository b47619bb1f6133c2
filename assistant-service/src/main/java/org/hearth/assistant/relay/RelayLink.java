package org.hearth.assistant.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.dm.DmOutcome;
import org.hearth.assistant.dm.DmService;
import org.hearth.assistant.dm.MembershipService;
import org.hearth.assistant.memory.MemoryService;
import org.hearth.nostr.client.ConnectionState;
import org.hearth.nostr.client.RelayClient;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.jboss.logging.Logger;

/**
 * One assistant's only connection: to its own relay, as its own key (answering AUTH). Follows the
 * relay's notes into memory, reads the relay's member list, receives DMs and publishes replies and
 * the assistant's profile.
 */
public final class RelayLink implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RelayLink.class);
  private static final Duration OK_TIMEOUT = Duration.ofSeconds(10);

  private final ScopeSettings scope;
  private final LocalSigner signer;
  private final MemoryService memory;
  private final DmService dms;
  private final MembershipService membership;
  private final AssistantConfig config;
  private final Clock clock;
  private final RelayClient client;
  private final ExecutorService memoryWorker =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("memory-", 0).factory());
  private final ExecutorService dmWorkers = Executors.newVirtualThreadPerTaskExecutor();

  RelayLink(
      ScopeSettings scope,
      LocalSigner signer,
      MemoryService memory,
      DmService dms,
      MembershipService membership,
      AssistantConfig config,
      Clock clock) {
    this.scope = scope;
    this.signer = signer;
    this.memory = memory;
    this.dms = dms;
    this.membership = membership;
    this.config = config;
    this.clock = clock;
    this.client =
        RelayClient.builder(URI.create(scope.relayUrl()))
            .signer(signer)
            .okTimeout(OK_TIMEOUT)
            .stateListener(this::onState)
            .build();
  }

  /** Connects (retrying with backoff in the background) and subscribes. */
  void start() {
    client.connect();
    awaitStarted();
    client.subscribe(
        List.of(Subscriptions.memory(scope)), e -> memoryWorker.execute(() -> remember(e)));
    client.subscribe(
        Subscriptions.inbox(
            signer.publicKey(), clock.instant().getEpochSecond(), config.dm().lookback()),
        e -> dmWorkers.execute(() -> answer(e)));
    dmWorkers.execute(this::followMemberList);
  }

  /**
   * {@link RelayClient#connect()} moves the client out of NEW on its loop thread, and subscribing
   * before that throws: wait (briefly) for it.
   */
  private void awaitStarted() {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (client.state() == ConnectionState.NEW) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("relay client for " + scope.relayUrl() + " did not start");
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the relay client", e);
      }
    }
  }

  private void onState(ConnectionState from, ConnectionState to) {
    LOG.infof("[%s] relay connection %s -> %s", scope.relay(), from, to);
    if (to == ConnectionState.CONNECTED) {
      dmWorkers.execute(this::publishProfile);
    }
  }

  private void remember(Event e) {
    try {
      memory.ingest(scope, e);
    } catch (RuntimeException ex) {
      LOG.warnf("[%s] could not remember event %s: %s", scope.relay(), e.id(), ex.getMessage());
    }
  }

  private void answer(Event e) {
    try {
      DmOutcome outcome = dms.handle(scope, signer, e, this::publish);
      LOG.debugf("[%s] event %s: %s", scope.relay(), e.id(), outcome);
    } catch (RuntimeException ex) {
      LOG.errorf("[%s] DM event %s failed: %s", scope.relay(), e.id(), ex.getClass().getName());
    }
  }

  private void followMemberList() {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      RelayInfo.self(http, scope.relayUrl(), Duration.ofSeconds(10))
          .ifPresentOrElse(
              self -> {
                membership.relaySelf(scope.relay(), self);
                client.subscribe(
                    List.of(Subscriptions.members(self)), e -> membership.offer(scope.relay(), e));
              },
              () ->
                  LOG.infof(
                      "[%s] relay publishes no NIP-11 self key: using configured members",
                      scope.relay()));
    }
  }

  private void publishProfile() {
    for (EventTemplate t : AssistantProfile.templates(scope)) {
      if (!publish(signer.sign(t))) {
        LOG.warnf("[%s] relay did not accept the assistant's kind %d", scope.relay(), t.kind());
      }
    }
  }

  private boolean publish(Event e) {
    try {
      return client.publish(e).get(OK_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS).accepted();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception ex) {
      LOG.warnf("[%s] publishing %s failed: %s", scope.relay(), e.id(), ex.getMessage());
      return false;
    }
  }

  /** The one relay this link connects to. */
  public String relayUrl() {
    return scope.relayUrl();
  }

  public ConnectionState state() {
    return client.state();
  }

  @Override
  public void close() {
    client.close();
    memoryWorker.shutdownNow();
    dmWorkers.shutdownNow();
  }
}
