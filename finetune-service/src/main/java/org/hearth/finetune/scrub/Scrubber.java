package org.hearth.finetune.scrub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from training text: NWC URIs, BOLT-11 invoices, nsec/npub, emails, IBANs
 * (mod-97), card numbers (Luhn), phone numbers and street addresses become placeholders; the names
 * of known people become stable keyed pseudonyms. Pure Java, independent of where text comes from.
 */
public final class Scrubber {
  private final List<PatternDetector> detectors = Detectors.all();
  private final Optional<Pattern> names;
  private final Optional<Pseudonymizer> pseudonymizer;

  /** A scrubber without name pseudonymisation. */
  public Scrubber() {
    this.names = Optional.empty();
    this.pseudonymizer = Optional.empty();
  }

  /** A scrubber that also replaces the given people's names (e.g. from member profiles). */
  public Scrubber(Collection<String> peopleNames, Pseudonymizer pseudonymizer) {
    List<String> sorted =
        peopleNames.stream()
            .map(String::strip)
            .filter(n -> n.length() >= 2)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .toList();
    this.names =
        sorted.isEmpty()
            ? Optional.empty()
            : Optional.of(
                Pattern.compile(
                    "(?<![\\p{L}\\p{N}])(?:" + String.join("|", sorted) + ")(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    this.pseudonymizer = Optional.of(pseudonymizer);
  }

  /** Scrubs one text. */
  public ScrubResult scrub(String text) {
    Map<PiiCategory, Integer> counts = new EnumMap<>(PiiCategory.class);
    String out = text;
    for (PatternDetector d : detectors) {
      out =
          replace(
              out,
              d.pattern(),
              m -> d.valid().test(m) ? d.category().placeholder() : null,
              d.category(),
              counts);
    }
    if (names.isPresent()) {
      Pseudonymizer p = pseudonymizer.orElseThrow();
      out = replace(out, names.get(), p::pseudonym, PiiCategory.PERSON_NAME, counts);
    }
    return new ScrubResult(out, new ScrubStats(counts));
  }

  /** Scrubs many texts and sums the statistics. */
  public List<ScrubResult> scrubAll(List<String> texts) {
    List<ScrubResult> out = new ArrayList<>(texts.size());
    texts.forEach(t -> out.add(scrub(t)));
    return out;
  }

  private interface Replacer {
    /** Replacement for a match, or null to keep it. */
    String apply(String match);
  }

  private static String replace(
      String text,
      Pattern pattern,
      Replacer replacer,
      PiiCategory category,
      Map<PiiCategory, Integer> counts) {
    Matcher m = pattern.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (m.find()) {
      String replacement = replacer.apply(m.group());
      if (replacement == null) {
        m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
      } else {
        m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        counts.merge(category, 1, Integer::sum);
      }
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
