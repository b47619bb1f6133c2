package org.hearth.nostr.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.filter.FilterJson;

/** Filter JSON parsing never fails with anything but a typed, explained error. */
class FilterJsonFuzzTest {

  @Property
  void randomStrings(@ForAll(supplier = Fuzz.Strings.class) String s) {
    Fuzz.onlyTypedErrors(s, () -> FilterJson.parse(s));
  }

  @Property
  void randomBytes(@ForAll(supplier = Fuzz.Bytes.class) String s) {
    Fuzz.onlyTypedErrors(s, () -> FilterJson.parse(s));
  }

  @Property
  void mutatedFilters(@ForAll("mutations") String s) {
    Fuzz.onlyTypedErrors(s, () -> FilterJson.parse(s));
  }

  /** Whatever parses writes back to JSON that parses to the same filter. */
  @Property
  void writeReadRoundTrip(@ForAll("filters") Filter f) {
    assertThat(FilterJson.parse(FilterJson.write(f))).isEqualTo(f);
  }

  @Provide
  Arbitrary<String> mutations() {
    return Fuzz.mutationsOf(List.of(Samples.FILTER));
  }

  @Provide
  Arbitrary<Filter> filters() {
    Arbitrary<Set<String>> hex =
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).set().ofMaxSize(3);
    Arbitrary<String> anyString = Arbitraries.strings().all().ofMaxLength(20);
    return Combinators.combine(
            hex.injectNull(0.3),
            hex.injectNull(0.3),
            Arbitraries.integers().between(0, 65535).set().ofMaxSize(3).injectNull(0.3),
            Arbitraries.maps(
                    Arbitraries.chars().range('a', 'z').map(String::valueOf),
                    anyString.set().ofMaxSize(3))
                .ofMaxSize(3),
            Arbitraries.longs().between(0, Long.MAX_VALUE - 1).injectNull(0.5),
            Arbitraries.integers().greaterOrEqual(0).injectNull(0.5),
            anyString.injectNull(0.5))
        .as(
            (ids, authors, kinds, tags, since, limit, search) ->
                new Filter(
                    ids,
                    authors,
                    kinds,
                    tags,
                    since == null ? null : java.util.OptionalLong.of(since),
                    since == null ? null : java.util.OptionalLong.of(since + 1),
                    limit == null ? null : java.util.OptionalInt.of(limit),
                    java.util.Optional.ofNullable(search)));
  }

  @Example
  void everyTruncationIsRejected() {
    for (int i = 0; i < Samples.FILTER.length(); i++) {
      String prefix = Samples.FILTER.substring(0, i);
      Fuzz.mustReject(prefix, () -> FilterJson.parse(prefix));
    }
  }

  @Example
  void wrongHexLengthsAreRejected() {
    for (int n = 0; n <= 130; n++) {
      if (n == 64) {
        continue;
      }
      String json = "{\"authors\":[\"" + "b".repeat(n) + "\"]}";
      assertThatThrownBy(() -> FilterJson.parse(json))
          .isInstanceOf(DecodeException.class)
          .hasMessage("'authors'[0] must be 64 lower-case hex characters");
    }
  }

  @Example
  void hugeNumbersAndDeepNestingAreRejected() {
    String[][] cases = {
      {"{\"limit\":" + "9".repeat(31) + "}", "'limit' must be a non-negative integer"},
      {"{\"since\":" + "9".repeat(100_000) + "}", "Number value length"},
      {"{\"until\":1e999}", "'until' must be a non-negative integer"},
      {"{\"kinds\":[1e2]}", "'kinds'[0] must be an integer"},
      {"{\"#e\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}", "'#e'[0] must be a string"},
      {"{\"ids\":[\"" + "a".repeat(1_000_000) + "\"]}", "'ids'[0] must be 64 lower-case hex"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> FilterJson.parse(c[0]))
          .isInstanceOf(DecodeException.class)
          .hasMessageContaining(c[1]);
    }
  }
}
