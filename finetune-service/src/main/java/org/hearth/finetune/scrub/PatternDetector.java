package org.hearth.finetune.scrub;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A regular expression for one category plus a validator of each match (Luhn, mod-97, digit
 * counts); a match the validator rejects stays in the text.
 *
 * @param category what a validated match is
 * @param pattern candidate matches
 * @param valid validator of a candidate's text
 */
record PatternDetector(PiiCategory category, Pattern pattern, Predicate<String> valid) {

  static PatternDetector of(PiiCategory category, String regex, Predicate<String> valid) {
    return new PatternDetector(category, Pattern.compile(regex), valid);
  }

  static PatternDetector of(PiiCategory category, String regex) {
    return of(category, regex, s -> true);
  }
}
