package org.hearth.nostr.nip98;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;

/** Hostile Authorization headers: always a {@link HttpAuthResult.Failed}, never an exception. */
class HttpAuthFuzzTest {
  private static final String URL = "https://h.example/api";
  private static final HttpAuthVerifier VERIFIER = new HttpAuthVerifier();
  private static final String VALID_JSON =
      new LocalSigner(PrivateKey.fromHex("0d".repeat(32)))
          .sign(Nip98.template(URL, "GET", null))
          .toJson();

  private static void refused(String header) {
    HttpAuthResult r = VERIFIER.verify(header, URL, "GET", null);
    assertThat(r).isInstanceOf(HttpAuthResult.Failed.class);
    assertThat(((HttpAuthResult.Failed) r).message()).isNotBlank();
  }

  @Property(tries = 300)
  void arbitraryHeaders(@ForAll @StringLength(max = 300) String header) {
    refused(header);
    refused("Nostr " + header);
  }

  @Property(tries = 300)
  void base64OfRandomBytes(@ForAll @Size(max = 400) byte[] bytes) {
    refused("Nostr " + Base64.getEncoder().encodeToString(bytes));
  }

  @Property(tries = 300)
  void base64OfTruncatedOrMutatedEvents(
      @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll char replacement) {
    int i = position % VALID_JSON.length();
    String truncated = VALID_JSON.substring(0, i);
    refused("Nostr " + b64(truncated));
    if (VALID_JSON.charAt(i) != replacement) {
      refused(
          "Nostr " + b64(VALID_JSON.substring(0, i) + replacement + VALID_JSON.substring(i + 1)));
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
