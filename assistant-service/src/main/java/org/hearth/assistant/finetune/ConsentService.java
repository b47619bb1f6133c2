package org.hearth.assistant.finetune;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hearth.assistant.answer.ExchangeListener;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.conversation.ConversationService;
import org.hearth.assistant.db.Database;
import org.hearth.assistant.db.Jdbc;
import org.hearth.assistant.relay.ScopeRelay;
import org.hearth.assistant.relay.ScopeRelays;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.message.RelayMessage;
import org.jboss.logging.Logger;

/**
 * Consented conversations (docs/finetune-protocol.md): {@code /consent on|off}, persisted per
 * member, off by default. While on, the member's kind-30970 event on the relay is kept current
 * (republished a debounce interval after the last exchange), NIP-44 encrypted to the finetune
 * service; {@code off} publishes a NIP-09 deletion of it. Only exchanges made while consent is on
 * are shared.
 */
@ApplicationScoped
public class ConsentService implements ExchangeListener {
  public static final int KIND_CONSENTED_CONVERSATION = 30970;
  private static final Logger LOG = Logger.getLogger(ConsentService.class);

  private record Setting(boolean enabled, long since) {}

  private final Jdbc jdbc;
  private final ScopeRelays relays;
  private final ConversationService conversations;
  private final FinetuneKey finetune;
  private final Clock clock;
  private final AssistantConfig config;
  private final Map<String, Setting> settings = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService debouncer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("consent-", 0).factory());

  public ConsentService(
      Database db,
      ScopeRelays relays,
      ConversationService conversations,
      FinetuneKey finetune,
      Clock clock,
      AssistantConfig config) {
    this.jdbc = new Jdbc(db.dataSource());
    this.relays = relays;
    this.conversations = conversations;
    this.finetune = finetune;
    this.clock = clock;
    this.config = config;
  }

  /** {@code /consent [on|off]}: the reply to the member. */
  public String command(ScopeSettings scope, String member, String argument) {
    String arg = argument.strip().toLowerCase(Locale.ROOT);
    return switch (arg) {
      case "" -> status(scope, member);
      case "on" -> on(scope, member);
      case "off" -> off(scope, member);
      default -> "Send /consent on, /consent off, or /consent alone to see the setting.";
    };
  }

  private String status(ScopeSettings scope, String member) {
    boolean on = setting(scope.relay(), member).enabled();
    return on
        ? "Consent is on: our conversations since then help fine-tune the "
            + scope.relay()
            + " model. Send /consent off to withdraw it."
        : "Consent is off: our conversations stay between us. Send /consent on to let them help"
            + " fine-tune the "
            + scope.relay()
            + " model."
            + (finetune.get().isEmpty() ? " (Fine-tuning is not set up on this relay.)" : "");
  }

  private String on(ScopeSettings scope, String member) {
    if (finetune.get().isEmpty()) {
      return "Fine-tuning is not set up for the "
          + scope.relay()
          + " relay (no finetune service key is configured), so there is nothing to consent to."
          + " Consent stays off.";
    }
    if (relays.get(scope.relay()).isEmpty()) {
      return "I cannot record your consent right now: I am not connected to the "
          + scope.relay()
          + " relay. Consent stays off.";
    }
    if (setting(scope.relay(), member).enabled()) {
      return "Consent is already on.";
    }
    store(scope.relay(), member, true);
    publishNow(scope, member);
    return "Consent is on: from now on our conversations are shared, encrypted, with the"
        + " fine-tune service of the "
        + scope.relay()
        + " relay, to teach its model. Send /consent off to withdraw it at any time.";
  }

  private String off(ScopeSettings scope, String member) {
    boolean wasOn = setting(scope.relay(), member).enabled();
    store(scope.relay(), member, false);
    cancel(scope.relay(), member);
    if (!wasOn) {
      return "Consent is off (it was not on).";
    }
    boolean deleted = withdraw(scope, member);
    return deleted
        ? "Consent is off: I asked the relay to delete our shared conversations, and share nothing"
            + " more."
        : "Consent is off and nothing more is shared, but the relay did not confirm the deletion"
            + " of what was shared: I will retry when you send /consent off again.";
  }

  /** True when the member's consent is on. */
  public boolean enabled(String relay, String member) {
    return setting(relay, member).enabled();
  }

  @Override
  public void exchanged(ScopeSettings scope, String member) {
    if (!setting(scope.relay(), member).enabled()) {
      return;
    }
    String key = key(scope.relay(), member);
    ScheduledFuture<?> next =
        debouncer.schedule(
            () -> publishNow(scope, member),
            config.consent().debounce().toMillis(),
            TimeUnit.MILLISECONDS);
    ScheduledFuture<?> previous = scheduled.put(key, next);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  /** Publishes the member's current 30970 event; false when not published. */
  boolean publishNow(ScopeSettings scope, String member) {
    synchronized (lock(scope.relay(), member)) {
      Setting s = setting(scope.relay(), member);
      Optional<ScopeRelay> relay = relays.get(scope.relay());
      Optional<PublicKey> to = finetune.get();
      if (!s.enabled() || relay.isEmpty() || to.isEmpty()) {
        return false;
      }
      try {
        ConsentedConversation c =
            ConsentedConversation.newestThatFit(
                member,
                conversations.recent(scope.relay(), member, config.dm().retainedTurns()),
                s.since(),
                maxEventBytes(relay.get()));
        String content = relay.get().signer().nip44Encrypt(to.get(), c.json());
        Event e =
            relay
                .get()
                .signer()
                .sign(
                    EventTemplate.of(
                        KIND_CONSENTED_CONVERSATION,
                        List.of(
                            List.of("d", member),
                            List.of("p", to.get().hex()),
                            List.of("member", member)),
                        content));
        RelayMessage.Ok ok = relay.get().publish(e);
        if (!ok.accepted()) {
          LOG.warnf(
              "[%s] the relay refused the consented conversation of %s: %s",
              scope.relay(), member, ok.message());
          return false;
        }
        LOG.debugf(
            "[%s] consented conversation of %s published (%d pairs)",
            scope.relay(), member, c.pairs());
        return true;
      } catch (RuntimeException ex) {
        LOG.warnf(
            "[%s] publishing the consented conversation of %s failed: %s",
            scope.relay(), member, ex.getClass().getSimpleName());
        return false;
      }
    }
  }

  private boolean withdraw(ScopeSettings scope, String member) {
    synchronized (lock(scope.relay(), member)) {
      Optional<ScopeRelay> relay = relays.get(scope.relay());
      if (relay.isEmpty()) {
        return false;
      }
      String self = relay.get().signer().publicKey().hex();
      Event deletion =
          relay
              .get()
              .signer()
              .sign(
                  EventTemplate.of(
                      5,
                      List.of(
                          List.of("a", KIND_CONSENTED_CONVERSATION + ":" + self + ":" + member),
                          List.of("k", Integer.toString(KIND_CONSENTED_CONVERSATION))),
                      "consent withdrawn"));
      RelayMessage.Ok ok = relay.get().publish(deletion);
      if (!ok.accepted()) {
        LOG.warnf(
            "[%s] the relay refused the deletion of %s's consented conversation: %s",
            scope.relay(), member, ok.message());
      }
      return ok.accepted();
    }
  }

  private int maxEventBytes(ScopeRelay relay) {
    int configured = config.consent().maxEventBytes();
    return relay.maxMessageBytes().isPresent()
        ? Math.min(configured, relay.maxMessageBytes().getAsInt())
        : configured;
  }

  private Setting setting(String relay, String member) {
    return settings.computeIfAbsent(
        key(relay, member),
        k ->
            jdbc
                .query(
                    "reading consent",
                    "SELECT enabled, updated_at FROM assistant.consent WHERE relay = ? AND member"
                        + " = ?",
                    Jdbc.values(relay, member),
                    rs -> new Setting(rs.getBoolean(1), rs.getLong(2)))
                .stream()
                .findFirst()
                .orElse(new Setting(false, 0)));
  }

  private void store(String relay, String member, boolean enabled) {
    long now = clock.instant().getEpochSecond();
    jdbc.update(
        "storing consent",
        "INSERT INTO assistant.consent (relay, member, enabled, updated_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (relay, member) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at ="
            + " EXCLUDED.updated_at",
        Jdbc.values(relay, member, enabled, now));
    settings.put(key(relay, member), new Setting(enabled, now));
  }

  private void cancel(String relay, String member) {
    ScheduledFuture<?> f = scheduled.remove(key(relay, member));
    if (f != null) {
      f.cancel(false);
    }
  }

  private Object lock(String relay, String member) {
    return locks.computeIfAbsent(key(relay, member), k -> new Object());
  }

  private static String key(String relay, String member) {
    return relay + ":" + member;
  }

  @PreDestroy
  void close() {
    debouncer.shutdownNow();
  }
}
