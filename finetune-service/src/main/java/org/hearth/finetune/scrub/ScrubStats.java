package org.hearth.finetune.scrub;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Replacement counts per category (for a dataset manifest).
 *
 * @param counts how many matches of each category were replaced
 */
public record ScrubStats(Map<PiiCategory, Integer> counts) {
  public ScrubStats {
    EnumMap<PiiCategory, Integer> copy = new EnumMap<>(PiiCategory.class);
    copy.putAll(counts);
    counts = Collections.unmodifiableMap(copy);
  }

  public static ScrubStats empty() {
    return new ScrubStats(Map.of());
  }

  /** Replacements of one category. */
  public int count(PiiCategory category) {
    return counts.getOrDefault(category, 0);
  }

  /** All replacements. */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The sum of two statistics. */
  public ScrubStats plus(ScrubStats other) {
    EnumMap<PiiCategory, Integer> sum = new EnumMap<>(PiiCategory.class);
    sum.putAll(counts);
    other.counts.forEach((k, v) -> sum.merge(k, v, Integer::sum));
    return new ScrubStats(sum);
  }
}
