package org.hearth.assistant.answer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long answer into DMs of at most {@code max} characters, preferring paragraph breaks,
 * then line breaks, then sentence ends, then spaces, so a word or {@code nostr:} link is cut only
 * when longer than a DM.
 */
public final class AnswerSplitter {
  private AnswerSplitter() {}

  public static List<String> split(String text, int max) {
    if (max < 20) {
      throw new IllegalArgumentException("max DM length must be at least 20, got " + max);
    }
    List<String> parts = new ArrayList<>();
    String rest = text.strip();
    while (rest.length() > max) {
      int cut = cutPoint(rest, max);
      parts.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty() || parts.isEmpty()) {
      parts.add(rest);
    }
    return parts;
  }

  private static int cutPoint(String s, int max) {
    String window = s.substring(0, max + 1);
    int floor = max / 3; // never produce tiny parts when a better break exists further on
    int p = window.lastIndexOf("\n\n");
    if (p > floor) {
      return p;
    }
    p = window.lastIndexOf('\n');
    if (p > floor) {
      return p;
    }
    int sentence = -1;
    for (int i = max - 1; i > floor; i--) {
      char c = window.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(window.charAt(i + 1))) {
        sentence = i + 1;
        break;
      }
    }
    if (sentence > 0) {
      return sentence;
    }
    p = window.lastIndexOf(' ');
    if (p > 0) {
      return p; // words and nostr: links contain no spaces, so they stay whole
    }
    return max; // one unbroken word longer than a DM: hard cut
  }
}
