package org.hearth.finetune.scrub;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A planted secret: a unique, valid-looking value of one category (Luhn-valid card, mod-97-valid
 * IBAN, bech32-shaped nsec, ...). Plant canaries into a dataset before scrubbing; any canary found
 * in scrubbed text or in model output is a leak.
 *
 * @param category the category the scrubber must catch it as
 * @param secret the planted value
 */
public record Canary(PiiCategory category, String secret) {
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

  /** True if {@code text} contains this canary. */
  public boolean leaksInto(String text) {
    return text.contains(secret);
  }

  /** Fresh canaries, one per pattern category, from a seeded random source. */
  public static List<Canary> generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Canary> out = new ArrayList<>();
    out.add(new Canary(PiiCategory.EMAIL, "canary." + hex(r, 8) + "@example.org"));
    out.add(new Canary(PiiCategory.NOSTR_SECRET_KEY, "nsec1" + bech32(r, 58)));
    out.add(new Canary(PiiCategory.NOSTR_PUBLIC_KEY, "npub1" + bech32(r, 58)));
    out.add(
        new Canary(
            PiiCategory.NWC_URI,
            "nostr+walletconnect://"
                + hex(r, 64)
                + "?relay=wss://relay.example&secret="
                + hex(r, 64)));
    out.add(
        new Canary(
            PiiCategory.LIGHTNING_INVOICE, "lnbc" + (1 + r.nextInt(999)) + "u1p" + bech32(r, 180)));
    out.add(new Canary(PiiCategory.CARD_NUMBER, luhnCard(r)));
    out.add(new Canary(PiiCategory.IBAN, germanIban(r)));
    out.add(new Canary(PiiCategory.PHONE, "+49 151 " + (10000000 + r.nextInt(89999999))));
    return out;
  }

  private static String hex(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  private static String bech32(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(BECH32.charAt(r.nextInt(BECH32.length())));
    }
    return sb.toString();
  }

  private static String luhnCard(SplittableRandom r) {
    StringBuilder sb = new StringBuilder("4");
    for (int i = 0; i < 14; i++) {
      sb.append(r.nextInt(10));
    }
    for (int check = 0; check < 10; check++) {
      if (Checksums.luhn(sb.toString() + check)) {
        return sb.append(check).toString();
      }
    }
    throw new IllegalStateException("a Luhn check digit always exists");
  }

  private static String germanIban(SplittableRandom r) {
    StringBuilder bban = new StringBuilder();
    for (int i = 0; i < 18; i++) {
      bban.append(r.nextInt(10));
    }
    for (int check = 2; check < 99; check++) {
      String candidate = String.format("DE%02d%s", check, bban);
      if (Checksums.iban(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("an IBAN check number always exists");
  }
}
