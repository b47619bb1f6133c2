package org.hearth.finetune.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hearth.nostr.event.Event;

/**
 * The names a person goes by, from their kind-0 profile: {@code name}, {@code display_name} and
 * {@code displayName}, each whole and each of its words that looks like a name (at least three
 * letters, capitalised), since people are mostly called by their first name. Every one of them is
 * replaced by the same keyed pseudonym scheme in training text.
 */
final class ProfileNames {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] FIELDS = {"name", "display_name", "displayName"};

  private ProfileNames() {}

  /** The names in a profile; empty when its content is not a JSON object. */
  static Set<String> of(Event profile) {
    Set<String> out = new LinkedHashSet<>();
    JsonNode doc;
    try {
      doc = JSON.readTree(profile.content());
    } catch (IOException e) {
      return out;
    }
    if (doc == null || !doc.isObject()) {
      return out;
    }
    for (String field : FIELDS) {
      JsonNode v = doc.path(field);
      if (!v.isTextual() || v.asText().isBlank()) {
        continue;
      }
      String name = v.asText().strip().replaceAll("\\s+", " ");
      out.add(name);
      for (String word : name.split(" ")) {
        if (word.length() >= 3
            && Character.isUpperCase(word.codePointAt(0))
            && word.codePoints().allMatch(c -> Character.isLetter(c) || c == '-' || c == '\'')) {
          out.add(word);
        }
      }
    }
    return out;
  }
}
