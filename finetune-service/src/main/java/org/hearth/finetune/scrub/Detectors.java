package org.hearth.finetune.scrub;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The scrubber's patterns, in the order they run: secrets that embed other shapes (NWC URIs hold
 * hex secrets and relay URLs, invoices hold digit runs) go first; names last.
 */
final class Detectors {
  private static final String BECH32 = "[02-9ac-hj-np-z]";
  private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}");

  private Detectors() {}

  static List<PatternDetector> all() {
    return List.of(
        PatternDetector.of(PiiCategory.NWC_URI, "(?i)nostr\\+walletconnect://[^\\s\"'<>]+"),
        PatternDetector.of(
            PiiCategory.LIGHTNING_INVOICE,
            "(?i)(?:lightning:)?\\bln(?:bcrt|bc|tbs|tb|sb)\\d*[munp]?1" + BECH32 + "{50,}\\b"),
        PatternDetector.of(PiiCategory.NOSTR_SECRET_KEY, "\\bnsec1" + BECH32 + "{58}\\b"),
        PatternDetector.of(PiiCategory.NOSTR_PUBLIC_KEY, "\\bnpub1" + BECH32 + "{58}\\b"),
        PatternDetector.of(
            PiiCategory.EMAIL,
            "(?i)\\b[a-z0-9][a-z0-9._%+-]*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,24}\\b"),
        PatternDetector.of(
            PiiCategory.IBAN,
            "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b",
            s -> Checksums.iban(s.replace(" ", ""))),
        PatternDetector.of(
            PiiCategory.CARD_NUMBER,
            "\\b\\d(?:[ -]?\\d){12,18}\\b",
            s -> Checksums.luhn(s.replaceAll("[ -]", ""))),
        PatternDetector.of(
            PiiCategory.PHONE,
            "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,5}\\)[ .-]?)?\\d{2,5}(?:[ ./-]\\d{2,8}){1,4}\\b"
                + "|(?<![\\w+])\\+\\d{8,15}\\b",
            Detectors::phoneLike),
        PatternDetector.of(
            PiiCategory.STREET_ADDRESS,
            "\\b\\d{1,5}[a-zA-Z]?(?: [A-Z][a-z]+){1,3} (?:Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?"
                + "|Boulevard|Blvd\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Way|Court|Ct\\.?|Place|Pl\\.?"
                + "|Terrace|Close|Square)(?=\\W|$)"
                + "|\\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm)"
                + " \\d{1,4}[a-z]?\\b"
                + "|\\b\\d{1,4},? (?:rue|avenue|boulevard|place|chemin|allée) (?:de |du |des |de la )?"
                + "[A-Z][\\p{L}-]+"));
  }

  /** Phone numbers: 7 to 15 digits, with a '+', '(' or separators, and not a date or a version. */
  static boolean phoneLike(String s) {
    long digits = s.chars().filter(Character::isDigit).count();
    if (digits < 7
        || digits > 15
        || DATE_LIKE.matcher(s).find()
        || s.contains(".") && !s.startsWith("+")) {
      return false;
    }
    return s.startsWith("+")
        || s.startsWith("(")
        || s.startsWith("0")
        || s.matches("\\d{3}[ -]\\d{3}[ -]\\d{4}");
  }
}
