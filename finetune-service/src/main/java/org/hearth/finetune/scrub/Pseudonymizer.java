package org.hearth.finetune.scrub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable pseudonyms for people's names: {@code Person-<first 4 bytes of HMAC-SHA256(key, name)>},
 * the name normalised (NFKC, lower case, single spaces). The same key gives the same pseudonym in
 * every dataset; without the key a pseudonym cannot be linked back to a name by guessing.
 */
public final class Pseudonymizer {
  private static final int MIN_KEY_BYTES = 32;
  private final SecretKeySpec key;

  public Pseudonymizer(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "pseudonym key must have at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** Reads the key from a file (raw bytes). */
  public static Pseudonymizer fromKeyFile(Path file) throws IOException {
    return new Pseudonymizer(Files.readAllBytes(file));
  }

  /** The pseudonym of a name. */
  public String pseudonym(String name) {
    String normal =
        Normalizer.normalize(name, Normalizer.Form.NFKC)
            .strip()
            .replaceAll("\\s+", " ")
            .toLowerCase(Locale.ROOT);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] h = mac.doFinal(normal.getBytes(StandardCharsets.UTF_8));
      return "Person-" + HexFormat.of().formatHex(h, 0, 4);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonymizer[key=<redacted>]";
  }
}
