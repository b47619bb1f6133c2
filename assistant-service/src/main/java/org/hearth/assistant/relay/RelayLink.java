package org.hearth.assistant.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.dm.DmOutcome;
import org.hearth.assistant.dm.DmService;
import org.hearth.assistant.dm.MembershipService;
import org.hearth.assistant.finetune.RetrainService;
import org.hearth.assistant.memory.MemoryService;
import org.hearth.nostr.client.ConnectionState;
import org.hearth.nostr.client.RelayClient;
import org.hearth.nostr.client.SubscriptionListener;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.message.RelayMessage;
import org.jboss.logging.Logger;

/**
 * One assistant's only connection: to its own relay, as its own key (answering AUTH). Follows the
 * relay's notes into memory, reads the relay's member list, receives DMs and publishes replies and
 * the assistant's profile.
 */
public final class RelayLink implements AutoCloseable, ScopeRelay {
  private static final Logger LOG = Logger.getLogger(RelayLink.class);
  private static final Duration OK_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private final ScopeSettings scope;
  private final LocalSigner signer;
  private final MemoryService memory;
  private final DmService dms;
  private final MembershipService membership;
  private final RetrainService retrain;
  private final ScopeRelays registry;
  private final AssistantConfig config;
  private final Clock clock;
  private final RelayClient client;
  private final LongAdder storedMemoryEvents = new LongAdder();
  private final CountDownLatch memoryCaughtUp = new CountDownLatch(1);
  private volatile OptionalLong memorySince = OptionalLong.empty();
  private volatile OptionalInt maxMessageBytes = OptionalInt.empty();
  private final ExecutorService memoryWorker =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("memory-", 0).factory());
  private final ExecutorService dmWorkers = Executors.newVirtualThreadPerTaskExecutor();

  RelayLink(
      ScopeSettings scope,
      LocalSigner signer,
      MemoryService memory,
      DmService dms,
      MembershipService membership,
      RetrainService retrain,
      ScopeRelays registry,
      AssistantConfig config,
      Clock clock) {
    this.scope = scope;
    this.signer = signer;
    this.memory = memory;
    this.dms = dms;
    this.membership = membership;
    this.retrain = retrain;
    this.registry = registry;
    this.config = config;
    this.clock = clock;
    this.client =
        RelayClient.builder(URI.create(scope.relayUrl()))
            .signer(signer)
            .okTimeout(OK_TIMEOUT)
            .stateListener(this::onState)
            .build();
  }

  /**
   * Connects (retrying with backoff in the background) and subscribes. Memory resumes from the
   * newest remembered event (minus a margin), not from the beginning.
   */
  void start() {
    client.connect();
    awaitStarted();
    memorySince = memory.resumeSince(scope.relay());
    LOG.infof(
        "[%s] memory subscription %s",
        scope.relay(),
        memorySince.isPresent() ? "resumes at " + memorySince.getAsLong() : "reads everything");
    client.subscribe(
        List.of(Subscriptions.memory(scope, memorySince)),
        new SubscriptionListener() {
          private volatile boolean live;

          @Override
          public void onEvent(Event e) {
            if (!live) {
              storedMemoryEvents.increment();
            }
            memoryWorker.execute(() -> remember(e));
          }

          @Override
          public void onEose() {
            live = true;
            memoryCaughtUp.countDown();
          }
        });
    client.subscribe(
        Subscriptions.inbox(
            signer.publicKey(), clock.instant().getEpochSecond(), config.dm().lookback()),
        e -> dmWorkers.execute(() -> answer(e)));
    client.subscribe(
        List.of(Subscriptions.jobEvents(signer.publicKey(), retrain.followSince(scope.relay()))),
        e -> dmWorkers.execute(() -> onJobEvent(e)));
    registry.put(scope.relay(), this);
    dmWorkers.execute(this::followMemberList);
  }

  private void onJobEvent(Event e) {
    try {
      retrain.onJobEvent(scope, e);
    } catch (RuntimeException ex) {
      LOG.warnf("[%s] job event %s failed: %s", scope.relay(), e.id(), ex.getMessage());
    }
  }

  /**
   * Stored events the memory subscription received before its end of stored events, once it came;
   * empty until then or after {@code timeout}.
   */
  public OptionalLong storedMemoryEvents(Duration timeout) {
    try {
      return memoryCaughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
          ? OptionalLong.of(storedMemoryEvents.sum())
          : OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  /** The {@code since} the memory subscription started from (empty: from the beginning). */
  public OptionalLong memorySince() {
    return memorySince;
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
      DmOutcome outcome = dms.handle(scope, signer, e, this::publishAccepted);
      LOG.debugf("[%s] event %s: %s", scope.relay(), e.id(), outcome);
    } catch (RuntimeException ex) {
      LOG.errorf("[%s] DM event %s failed: %s", scope.relay(), e.id(), ex.getClass().getName());
    }
  }

  private void followMemberList() {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      Optional<RelayInfo> info = RelayInfo.fetch(http, scope.relayUrl(), Duration.ofSeconds(10));
      info.ifPresent(i -> maxMessageBytes = i.maxMessageLength());
      info.flatMap(RelayInfo::self)
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
      if (!publishAccepted(signer.sign(t))) {
        LOG.warnf("[%s] relay did not accept the assistant's kind %d", scope.relay(), t.kind());
      }
    }
  }

  private boolean publishAccepted(Event e) {
    return publish(e).accepted();
  }

  @Override
  public RelayMessage.Ok publish(Event e) {
    try {
      return client.publish(e).get(OK_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return new RelayMessage.Ok(e.id(), false, "error: interrupted");
    } catch (Exception ex) {
      LOG.warnf("[%s] publishing %s failed: %s", scope.relay(), e.id(), ex.getMessage());
      return new RelayMessage.Ok(e.id(), false, "error: " + ex.getClass().getSimpleName());
    }
  }

  @Override
  public Signer signer() {
    return signer;
  }

  @Override
  public OptionalInt maxMessageBytes() {
    return maxMessageBytes;
  }

  /** The one relay this link connects to. */
  public String relayUrl() {
    return scope.relayUrl();
  }

  public ConnectionState state() {
    return client.state();
  }

  /**
   * Closes the connection, then lets the work in progress finish (up to {@link #DRAIN}) before
   * interrupting it: an interrupted virtual thread blocked in JDBC closes its socket and would hand
   * a broken connection back to the pool.
   */
  @Override
  public void close() {
    registry.remove(scope.relay(), this);
    client.close();
    memoryWorker.shutdown();
    dmWorkers.shutdown();
    drain(memoryWorker);
    drain(dmWorkers);
  }

  private static void drain(ExecutorService workers) {
    try {
      if (!workers.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }
}
