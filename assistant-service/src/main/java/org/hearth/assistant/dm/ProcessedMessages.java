package org.hearth.assistant.dm;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.hearth.assistant.db.Database;
import org.hearth.assistant.db.Jdbc;

/**
 * Which incoming DMs were answered, persisted: a message is claimed before it is answered and
 * marked done once its reply is published. A claim older than {@link #STALE} (its process died
 * before replying) may be taken over, so a restart neither answers twice nor drops a message.
 */
@ApplicationScoped
public class ProcessedMessages {
  static final Duration STALE = Duration.ofMinutes(10);

  private final Jdbc jdbc;
  private final Clock clock;

  public ProcessedMessages(Database db, Clock clock) {
    this.jdbc = new Jdbc(db.dataSource());
    this.clock = clock;
  }

  /** True when this caller now owns the message and must answer it. */
  public boolean claim(String relay, String messageId) {
    long now = clock.instant().getEpochSecond();
    return jdbc.update(
            "claiming a message",
            "INSERT INTO assistant.processed_message (relay, message_id, done, claimed_at)"
                + " VALUES (?, ?, false, ?) ON CONFLICT (relay, message_id) DO UPDATE"
                + " SET claimed_at = EXCLUDED.claimed_at"
                + " WHERE NOT assistant.processed_message.done"
                + " AND assistant.processed_message.claimed_at < ?",
            Jdbc.values(relay, messageId, now, now - STALE.toSeconds()))
        > 0;
  }

  /** The reply went out: never answer this message again. */
  public void done(String relay, String messageId) {
    jdbc.update(
        "finishing a message",
        "UPDATE assistant.processed_message SET done = true WHERE relay = ? AND message_id = ?",
        Jdbc.values(relay, messageId));
  }

  /** Gives a claim back (the reply could not be published), so a redelivery is answered. */
  public void release(String relay, String messageId) {
    jdbc.update(
        "releasing a message",
        "DELETE FROM assistant.processed_message WHERE relay = ? AND message_id = ? AND NOT done",
        Jdbc.values(relay, messageId));
  }
}
