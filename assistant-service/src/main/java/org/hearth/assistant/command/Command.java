package org.hearth.assistant.command;

import java.util.Locale;
import java.util.Optional;

/** The DM commands a member can send. */
public enum Command {
  HELP("/help", "this list"),
  SOURCES("/sources", "the notes my last answer rests on"),
  FORGET("/forget", "erase our conversation history"),
  STATUS("/status", "language model, memory and relay status"),
  CONSENT(
      "/consent",
      "on | off: let our conversations teach this relay's model (off by default); alone: the"
          + " setting"),
  RETRAIN("/retrain", "admins: fine-tune this relay's model on its notes");

  private final String word;
  private final String help;

  Command(String word, String help) {
    this.word = word;
    this.help = help;
  }

  public String word() {
    return word;
  }

  public String help() {
    return help;
  }

  /** What follows the command word, stripped (empty when nothing does). */
  public static String argument(String message) {
    String[] parts = message.strip().split("\\s+", 2);
    return parts.length < 2 ? "" : parts[1].strip();
  }

  /**
   * The command a message is, if it is one: the first word, case-insensitive. A message starting
   * with an unknown {@code /word} is not a command (it is answered as a question).
   */
  public static Optional<Command> parse(String message) {
    String s = message.strip();
    if (!s.startsWith("/")) {
      return Optional.empty();
    }
    String first = s.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    for (Command c : values()) {
      if (c.word.equals(first)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
