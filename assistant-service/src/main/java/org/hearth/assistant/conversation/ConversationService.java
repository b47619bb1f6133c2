package org.hearth.assistant.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.db.Database;
import org.hearth.assistant.db.DatabaseException;
import org.hearth.assistant.db.Jdbc;

/**
 * Conversation history, persisted per (relay, member). A prompt for one member is built only from
 * that member's turns on that relay. Storage keeps the newest {@code dm.retained-turns} turns of
 * each member; a prompt gets at most {@code dm.history-turns} turns and {@code dm.history-chars}
 * characters of them.
 */
@ApplicationScoped
public class ConversationService {
  private static final String INSERT =
      "INSERT INTO assistant.conversation_turn (relay, member, role, content, sources,"
          + " created_at) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String TRIM =
      "DELETE FROM assistant.conversation_turn WHERE relay = ? AND member = ? AND id < (SELECT id"
          + " FROM assistant.conversation_turn WHERE relay = ? AND member = ? ORDER BY id DESC"
          + " OFFSET ? LIMIT 1)";

  private final DataSource ds;
  private final Jdbc jdbc;
  private final Clock clock;
  private final int retained;

  public ConversationService(Database db, Clock clock, AssistantConfig config) {
    this.ds = db.dataSource();
    this.jdbc = new Jdbc(ds);
    this.clock = clock;
    this.retained = config.dm().retainedTurns();
    if (retained < 2) {
      throw new IllegalArgumentException(
          "hearth.assistant.dm.retained-turns must be at least 2, got " + retained);
    }
  }

  /** Stores one turn (and applies the retention limit). */
  public void append(
      String relay, String member, Turn.Speaker speaker, String text, List<String> sources) {
    appendAll(relay, member, List.of(new Turn(speaker, text, sources, 0)));
  }

  /** Stores a question and its answer in one transaction, then applies the retention limit. */
  public void appendExchange(
      String relay, String member, String question, String answer, List<String> sources) {
    appendAll(
        relay,
        member,
        List.of(
            new Turn(Turn.Speaker.MEMBER, question, List.of(), 0),
            new Turn(Turn.Speaker.ASSISTANT, answer, sources, 0)));
  }

  private void appendAll(String relay, String member, List<Turn> turns) {
    long now = clock.instant().getEpochSecond();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ins = c.prepareStatement(INSERT);
          PreparedStatement trim = c.prepareStatement(TRIM)) {
        for (Turn t : turns) {
          ins.setString(1, relay);
          ins.setString(2, member);
          ins.setString(3, t.speaker().name());
          ins.setString(4, t.content());
          ins.setArray(5, c.createArrayOf("text", t.sources().toArray()));
          ins.setLong(6, now);
          ins.addBatch();
        }
        ins.executeBatch();
        trim.setString(1, relay);
        trim.setString(2, member);
        trim.setString(3, relay);
        trim.setString(4, member);
        trim.setInt(5, retained - 1);
        trim.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DatabaseException("storing a conversation turn failed: " + e.getMessage(), e);
    }
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
                ConversationService::turn));
    Collections.reverse(out);
    return out;
  }

  /**
   * The member's last turns for a prompt, oldest first: at most {@code maxTurns} turns and {@code
   * maxChars} characters of content; the oldest are left out first, and a history never starts with
   * an answer whose question was left out.
   */
  public List<Turn> forPrompt(String relay, String member, int maxTurns, int maxChars) {
    return trim(recent(relay, member, maxTurns), maxChars);
  }

  /** The newest turns of {@code turns} (oldest first) whose content fits {@code maxChars}. */
  public static List<Turn> trim(List<Turn> turns, int maxChars) {
    int start = turns.size();
    int chars = 0;
    while (start > 0 && chars + turns.get(start - 1).content().length() <= maxChars) {
      start--;
      chars += turns.get(start).content().length();
    }
    while (start < turns.size() && turns.get(start).speaker() == Turn.Speaker.ASSISTANT) {
      start++;
    }
    return List.copyOf(turns.subList(start, turns.size()));
  }

  /** Number of turns stored for the member on this relay. */
  public long count(String relay, String member) {
    return jdbc.query(
            "counting the conversation",
            "SELECT count(*) FROM assistant.conversation_turn WHERE relay = ? AND member = ?",
            Jdbc.values(relay, member),
            rs -> rs.getLong(1))
        .getFirst();
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

  private static Turn turn(ResultSet rs) throws SQLException {
    return new Turn(
        Turn.Speaker.valueOf(rs.getString(1)),
        rs.getString(2),
        Arrays.asList((String[]) rs.getArray(3).getArray()),
        rs.getLong(4));
  }
}
