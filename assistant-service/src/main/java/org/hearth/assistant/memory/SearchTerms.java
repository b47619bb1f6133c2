package org.hearth.assistant.memory;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a free-text question into a safe PostgreSQL {@code to_tsquery} that matches any word. */
final class SearchTerms {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{2,40}");
  private static final int MAX_TERMS = 32;

  private SearchTerms() {}

  /** {@code 'a' | 'b' | ...}, or empty when the question has no word. */
  static String orQuery(String question) {
    Set<String> terms = new LinkedHashSet<>();
    Matcher m = WORD.matcher(question == null ? "" : question);
    while (m.find() && terms.size() < MAX_TERMS) {
      terms.add(m.group().toLowerCase(Locale.ROOT));
    }
    StringBuilder sb = new StringBuilder();
    for (String t : terms) {
      if (!sb.isEmpty()) {
        sb.append(" | ");
      }
      // Only letters and digits reach here, so quoting cannot be broken.
      sb.append('\'').append(t).append('\'');
    }
    return sb.toString();
  }
}
