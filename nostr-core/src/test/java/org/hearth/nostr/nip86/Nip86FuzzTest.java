package org.hearth.nostr.nip86;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Hostile bodies: a request or a {@link Nip86Exception} with a message, nothing else. */
class Nip86FuzzTest {
  private static final String VALID =
      "{\"method\":\"blockip\",\"params\":[\"10.1.2.3\",\"too many requests\"]}";

  private static void decodesOrRefusesClearly(byte[] body) {
    try {
      Nip86Request r = Nip86Json.decodeRequest(body);
      assertThat(r.method()).isNotEmpty();
      Nip86Method.fromWire(r.method())
          .ifPresent(
              m -> {
                try {
                  Nip86Params p = r.params(m);
                  for (int i = 0; i < p.size(); i++) {
                    p.optionalText(i);
                  }
                } catch (Nip86Exception e) {
                  assertThat(e.getMessage()).isNotBlank();
                }
              });
    } catch (Nip86Exception e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 500)
  void randomStrings(@ForAll @StringLength(max = 300) String s) {
    decodesOrRefusesClearly(s.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300)
  void randomBytes(@ForAll @Size(max = 300) byte[] bytes) {
    decodesOrRefusesClearly(bytes);
  }

  @Property(tries = 500)
  void mutatedValidRequests(
      @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll char replacement) {
    int i = position % VALID.length();
    decodesOrRefusesClearly(VALID.substring(0, i).getBytes(StandardCharsets.UTF_8));
    String mutated = VALID.substring(0, i) + replacement + VALID.substring(i + 1);
    decodesOrRefusesClearly(mutated.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 50)
  void deepNesting(@ForAll @IntRange(min = 1, max = 5000) int depth) {
    String body = "{\"method\":\"x\",\"params\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    decodesOrRefusesClearly(body.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300)
  void responsesDecodeOrRefuseClearly(@ForAll @StringLength(max = 200) String s) {
    try {
      Nip86Json.decodeResponse(s);
    } catch (Nip86Exception e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
