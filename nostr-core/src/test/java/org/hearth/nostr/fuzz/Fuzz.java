package org.hearth.nostr.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.event.InvalidEventException;

/** Inputs and the one allowed outcome rule shared by the decoder fuzz tests. */
final class Fuzz {
  /** Characters that drive a JSON parser into its interesting states. */
  static final String JSON_CHARS =
      "[]{}\":,0123456789-+.eE truefalsnul\\/abcdef#\u0000\n\u00e9\ud83d";

  private Fuzz() {}

  /** For {@code @ForAll(supplier = Fuzz.Strings.class)}. */
  static final class Strings implements ArbitrarySupplier<String> {
    @Override
    public Arbitrary<String> get() {
      return strings();
    }
  }

  /** For {@code @ForAll(supplier = Fuzz.Bytes.class)}. */
  static final class Bytes implements ArbitrarySupplier<String> {
    @Override
    public Arbitrary<String> get() {
      return bytes();
    }
  }

  /** Runs {@code decoder}: success or a typed, explained error; anything else fails the test. */
  static void onlyTypedErrors(String input, Runnable decoder) {
    try {
      decoder.run();
    } catch (DecodeException | InvalidEventException e) {
      assertThat(e.getMessage()).as("error message for %s", shorten(input)).isNotBlank();
    } catch (Throwable t) {
      fail("untyped " + t + " for input " + shorten(input), t);
    }
  }

  /** Runs {@code decoder}, which must reject the input with a typed error. */
  static void mustReject(String input, Runnable decoder) {
    try {
      decoder.run();
      fail("accepted " + shorten(input));
    } catch (DecodeException | InvalidEventException e) {
      assertThat(e.getMessage()).isNotBlank();
    } catch (AssertionError e) {
      throw e;
    } catch (Throwable t) {
      fail("untyped " + t + " for input " + shorten(input), t);
    }
  }

  static String shorten(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
  }

  /** Random strings: all of Unicode, and a JSON-ish alphabet that reaches deeper parser states. */
  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().withChars(JSON_CHARS).ofMaxLength(300));
  }

  /** Random bytes read as UTF-8 (malformed sequences become U+FFFD) or as Latin-1. */
  static Arbitrary<String> bytes() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(400)
        .flatMap(
            b ->
                Arbitraries.of(
                    new String(b, java.nio.charset.StandardCharsets.UTF_8),
                    new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)));
  }

  /** A valid sample with 1-4 random single-character edits (delete, insert, replace). */
  static Arbitrary<String> mutationsOf(List<String> valid) {
    return Arbitraries.longs()
        .map(
            seed -> {
              Random r = new Random(seed);
              StringBuilder sb = new StringBuilder(valid.get(r.nextInt(valid.size())));
              int edits = 1 + r.nextInt(4);
              for (int i = 0; i < edits && !sb.isEmpty(); i++) {
                int at = r.nextInt(sb.length());
                char c = JSON_CHARS.charAt(r.nextInt(JSON_CHARS.length()));
                switch (r.nextInt(3)) {
                  case 0 -> sb.deleteCharAt(at);
                  case 1 -> sb.insert(at, c);
                  default -> sb.setCharAt(at, c);
                }
              }
              return sb.toString();
            });
  }
}
