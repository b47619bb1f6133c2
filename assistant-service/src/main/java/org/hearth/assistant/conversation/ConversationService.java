package org.hearth.assistant.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.hearth.assistant.db.Database;
import org.hearth.assistant.db.Jdbc;

/**
 * Conversation history, persisted per (relay, member). A prompt for one member is built only from
 * that member's turns on that relay.
 */
@ApplicationScoped
public class ConversationService {
  private final Jdbc jdbc;
  private final Clock clock;

  public ConversationService(Database db, Clock clock) {
    this.jdbc = new Jdbc(db.dataSource());
    this.clock = clock;
  }

  public void append(
      String relay, String member, Turn.Speaker speaker, String text, List<String> sources) {
    jdbc.update(
        "storing a conversation turn",
        "INSERT INTO assistant.conversation_turn (relay, member, role, content, sources,"
            + " created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (ps, c) -> {
          Jdbc.values(relay, member, speaker.name(), text).bind(ps, c);
          ps.setArray(5, c.createArrayOf("text", sources.toArray()));
          ps.setLong(6, clock.instant().getEpochSecond());
        });
  }

  /** The member's last {@code n} turns on this relay, oldest first. */
  public List<Turn> recent(String relay, String member, int n) {
    List<Turn> out =
        new ArrayList<>(
            jdbc.query(
                "reading the conversation",
                "SELECT role, content, sources, created_at FROM assistant.conversation_turn"
                    + " WHERE relay = ? AND member = ? ORDER BY id DESC LIMIT ?",
                Jdbc.values(relay, member, n),
                rs ->
                    new Turn(
                        Turn.Speaker.valueOf(rs.getString(1)),
                        rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray()),
                        rs.getLong(4))));
    Collections.reverse(out);
    return out;
  }

  /** The sources of the member's last answer, empty when there is none. */
  public List<String> lastSources(String relay, String member) {
    List<Turn> turns = recent(relay, member, 20);
    for (int i = turns.size() - 1; i >= 0; i--) {
      if (turns.get(i).speaker() == Turn.Speaker.ASSISTANT && !turns.get(i).sources().isEmpty()) {
        return turns.get(i).sources();
      }
    }
    return List.of();
  }

  /** Erases the member's history on this relay; returns the number of turns erased. */
  public int forget(String relay, String member) {
    return jdbc.update(
        "erasing the conversation",
        "DELETE FROM assistant.conversation_turn WHERE relay = ? AND member = ?",
        Jdbc.values(relay, member));
  }
}
