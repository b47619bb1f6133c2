package org.hearth.assistant.answer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.conversation.Turn;
import org.hearth.assistant.llm.ChatMessage;
import org.hearth.assistant.memory.MemoryNote;

/**
 * The prompt of one answer: the scope's persona, its relevant notes (numbered for citation), the
 * member's recent conversation and the question. Nothing else goes in.
 */
public final class Prompt {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final int NOTE_CHARS_IN_PROMPT = 1500;

  private Prompt() {}

  public static List<ChatMessage> build(
      ScopeSettings scope, List<MemoryNote> notes, List<Turn> history, String question) {
    StringBuilder system = new StringBuilder(scope.persona());
    if (notes.isEmpty()) {
      system.append("\n\nNo note of the ").append(scope.relay()).append(" relay matches this.");
    } else {
      system
          .append("\n\nNotes from the ")
          .append(scope.relay())
          .append(" relay, most relevant first. Cite the ones you use as [1], [2], ...:");
      for (int i = 0; i < notes.size(); i++) {
        MemoryNote n = notes.get(i);
        system
            .append("\n[")
            .append(i + 1)
            .append("] (")
            .append(DAY.format(Instant.ofEpochSecond(n.createdAt())))
            .append(") ")
            .append(truncate(n.content()));
      }
    }
    List<ChatMessage> out = new ArrayList<>();
    out.add(ChatMessage.system(system.toString()));
    for (Turn t : history) {
      out.add(
          t.speaker() == Turn.Speaker.MEMBER
              ? ChatMessage.user(t.content())
              : ChatMessage.assistant(t.content()));
    }
    out.add(ChatMessage.user(question));
    return out;
  }

  private static String truncate(String s) {
    String oneLine = s.replace('\n', ' ');
    return oneLine.length() > NOTE_CHARS_IN_PROMPT
        ? oneLine.substring(0, NOTE_CHARS_IN_PROMPT) + "..."
        : oneLine;
  }
}
