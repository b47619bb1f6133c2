package org.hearth.cli.admin;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w}. */
final class Durations {
  private static final Pattern P = Pattern.compile("([0-9]{1,6})([smhdw])");

  private Durations() {}

  static Duration parse(String s) {
    Matcher m = P.matcher(s.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a duration: \"" + s + "\" (use e.g. 90s, 30m, 12h, 7d, 2w)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }
}
