package org.hearth.assistant.finetune;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.hearth.assistant.answer.AnswerSplitter;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.db.Database;
import org.hearth.assistant.db.Jdbc;
import org.hearth.assistant.dm.DmCodec;
import org.hearth.assistant.dm.DmProtocol;
import org.hearth.assistant.dm.IncomingDm;
import org.hearth.assistant.llm.OllamaGateway;
import org.hearth.assistant.llm.ScopeModels;
import org.hearth.assistant.nostr.Nip19;
import org.hearth.assistant.relay.ScopeRelay;
import org.hearth.assistant.relay.ScopeRelays;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.message.RelayMessage;
import org.jboss.logging.Logger;

/**
 * {@code /retrain} per docs/finetune-protocol.md: for an admin, the assistant publishes a fine-tune
 * job request (kind 5970) on its own relay, signed by its own key and naming the admin in {@code
 * requested-by}; it follows the job's feedback (7000) and result (6970), DMs the admin when the job
 * ends (in the protocol of their /retrain), and on a result naming a model Ollama has, switches the
 * scope to that model.
 */
@ApplicationScoped
public class RetrainService {
  public static final int KIND_JOB_REQUEST = 5970;
  public static final int KIND_JOB_FEEDBACK = 7000;
  public static final int KIND_JOB_RESULT = 6970;
  private static final Logger LOG = Logger.getLogger(RetrainService.class);

  /** Where a request is. */
  enum State {
    PENDING,
    SUCCEEDED,
    FAILED
  }

  private final ScopeRelays relays;
  private final Jdbc jdbc;
  private final OllamaGateway ollama;
  private final ScopeModels models;
  private final FinetuneKey finetune;
  private final Clock clock;
  private final int maxReplyChars;

  public RetrainService(
      ScopeRelays relays,
      Database db,
      OllamaGateway ollama,
      ScopeModels models,
      FinetuneKey finetune,
      Clock clock,
      AssistantConfig config) {
    this.relays = relays;
    this.jdbc = new Jdbc(db.dataSource());
    this.ollama = ollama;
    this.models = models;
    this.finetune = finetune;
    this.clock = clock;
    this.maxReplyChars = config.dm().maxReplyChars();
  }

  /** Publishes a job request for the admin who sent {@code dm}; returns the reply to them. */
  public String request(ScopeSettings scope, IncomingDm dm) {
    Optional<ScopeRelay> relay = relays.get(scope.relay());
    if (relay.isEmpty()) {
      return "I cannot ask for retraining right now: I am not connected to the "
          + scope.relay()
          + " relay. Nothing was started.";
    }
    String admin = dm.sender().hex();
    EventTemplate t =
        EventTemplate.of(KIND_JOB_REQUEST, List.of(List.of("requested-by", admin)), "");
    if (finetune.get().isPresent()) {
      t = t.withTag("p", finetune.get().get().hex());
    }
    Event request = relay.get().signer().sign(t);
    // Recorded before publishing, so that feedback arriving at once finds it.
    jdbc.update(
        "recording a job request",
        "INSERT INTO assistant.retrain_request (relay, request_id, admin, protocol, message_id,"
            + " state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        Jdbc.values(
            scope.relay(),
            request.id(),
            admin,
            dm.protocol().name(),
            dm.messageId(),
            State.PENDING.name(),
            request.createdAt()));
    RelayMessage.Ok ok = relay.get().publish(request);
    if (!ok.accepted()) {
      jdbc.update(
          "forgetting a job request",
          "DELETE FROM assistant.retrain_request WHERE relay = ? AND request_id = ?",
          Jdbc.values(scope.relay(), request.id()));
      LOG.warnf(
          "[%s] the relay refused job request %s: %s", scope.relay(), request.id(), ok.message());
      return "The "
          + scope.relay()
          + " relay refused the fine-tune job request ("
          + ok.message()
          + "). Nothing was started.";
    }
    LOG.infof("[%s] fine-tune job %s requested for admin %s", scope.relay(), request.id(), admin);
    return "I asked for a fine-tune of the "
        + scope.relay()
        + " model: nostr:"
        + Nip19.nevent(request.id(), scope.relayUrl(), request.pubkey())
        + "\nI'll tell you when it is done.";
  }

  /**
   * Where the job-event subscription of a relay starts: the oldest pending request, or now when
   * none is pending.
   */
  public long followSince(String relay) {
    List<Long> oldest =
        jdbc.query(
            "reading job requests",
            "SELECT min(created_at) FROM assistant.retrain_request WHERE relay = ? AND state = ?",
            Jdbc.values(relay, State.PENDING.name()),
            rs -> {
              long v = rs.getLong(1);
              return rs.wasNull() ? null : v;
            });
    Long v = oldest.isEmpty() ? null : oldest.getFirst();
    return v == null ? clock.instant().getEpochSecond() : v;
  }

  /** A job feedback or result event seen on the scope's relay. */
  public void onJobEvent(ScopeSettings scope, Event e) {
    if (e.kind() != KIND_JOB_FEEDBACK && e.kind() != KIND_JOB_RESULT) {
      return;
    }
    if (!e.verify()) {
      LOG.debugf("[%s] job event with a bad id or signature ignored", scope.relay());
      return;
    }
    if (finetune.get().isPresent() && !finetune.get().get().hex().equals(e.pubkey())) {
      LOG.warnf(
          "[%s] job event %s signed by %s, not by the finetune service: ignored",
          scope.relay(), e.id(), e.pubkey());
      return;
    }
    Optional<String> requestId = e.firstTagValue("e");
    if (requestId.isEmpty()) {
      return;
    }
    Optional<Pending> pending = pending(scope.relay(), requestId.get());
    if (pending.isEmpty()) {
      return; // not ours, or already ended
    }
    Pending p = pending.get();
    if (e.kind() == KIND_JOB_FEEDBACK) {
      List<String> status = statusTag(e);
      String state = status.size() > 1 ? status.get(1) : "";
      if (!state.equals("error")) {
        LOG.debugf("[%s] job %s: %s", scope.relay(), p.requestId(), state);
        return;
      }
      String why = status.size() > 2 ? status.get(2) : "no reason given";
      if (end(scope.relay(), p.requestId(), State.FAILED)) {
        tell(scope, p, "The fine-tune job " + link(scope, p) + " failed: " + why);
      }
      return;
    }
    Optional<String> model = e.firstTagValue("model").map(String::strip).filter(m -> !m.isEmpty());
    if (!end(scope.relay(), p.requestId(), State.SUCCEEDED)) {
      return;
    }
    if (model.isEmpty()) {
      tell(scope, p, "The fine-tune job " + link(scope, p) + " is done, but it named no model.");
    } else if (ollama.hasModelNow(model.get())) {
      models.set(scope.relay(), model.get(), p.requestId());
      LOG.infof(
          "[%s] now answering with model %s (job %s)", scope.relay(), model.get(), p.requestId());
      tell(
          scope,
          p,
          "The fine-tune job "
              + link(scope, p)
              + " is done: I now answer with the model "
              + model.get()
              + ".");
    } else {
      tell(
          scope,
          p,
          "The fine-tune job "
              + link(scope, p)
              + " is done, but Ollama does not list its model "
              + model.get()
              + ", so I keep my current model.");
    }
  }

  private record Pending(String requestId, String admin, DmProtocol protocol, String messageId) {}

  private Optional<Pending> pending(String relay, String requestId) {
    return jdbc
        .query(
            "reading a job request",
            "SELECT request_id, admin, protocol, message_id FROM assistant.retrain_request"
                + " WHERE relay = ? AND request_id = ? AND state = ?",
            Jdbc.values(relay, requestId, State.PENDING.name()),
            rs ->
                new Pending(
                    rs.getString(1),
                    rs.getString(2),
                    DmProtocol.valueOf(rs.getString(3)),
                    rs.getString(4)))
        .stream()
        .findFirst();
  }

  /** Moves a pending request to its end state; true for the one caller that did it. */
  private boolean end(String relay, String requestId, State state) {
    return jdbc.update(
            "ending a job request",
            "UPDATE assistant.retrain_request SET state = ? WHERE relay = ? AND request_id = ?"
                + " AND state = ?",
            Jdbc.values(state.name(), relay, requestId, State.PENDING.name()))
        > 0;
  }

  private static List<String> statusTag(Event e) {
    for (List<String> tag : e.tags()) {
      if (!tag.isEmpty() && tag.get(0).equals("status")) {
        return tag;
      }
    }
    return List.of();
  }

  private static String link(ScopeSettings scope, Pending p) {
    return "nostr:" + Nip19.nevent(p.requestId(), scope.relayUrl(), null);
  }

  /** DMs the admin who asked, in the protocol of their /retrain. */
  private void tell(ScopeSettings scope, Pending p, String text) {
    Optional<ScopeRelay> relay = relays.get(scope.relay());
    if (relay.isEmpty()) {
      LOG.warnf(
          "[%s] cannot tell the admin about job %s: not connected", scope.relay(), p.requestId());
      return;
    }
    IncomingDm original =
        new IncomingDm(p.protocol(), p.messageId(), PublicKey.fromHex(p.admin()), "");
    for (Event dm :
        DmCodec.reply(
            original,
            relay.get().signer(),
            AnswerSplitter.split(text, maxReplyChars),
            clock.instant().getEpochSecond())) {
      RelayMessage.Ok ok = relay.get().publish(dm);
      if (!ok.accepted()) {
        LOG.warnf(
            "[%s] the relay did not accept the job notice %s: %s",
            scope.relay(), dm.id(), ok.message());
      }
    }
  }
}
