package org.hearth.nostr.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.hearth.nostr.DecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterJsonTest {
  static final String A = "a".repeat(64);
  static final String B = "0123456789abcdef".repeat(4);

  @Test
  void readsEveryKey() {
    Filter f =
        FilterJson.parse(
            "{\"ids\":[\""
                + A
                + "\"],\"authors\":[\""
                + B
                + "\"],\"kinds\":[1,30023],\"#e\":[\"x\",\"y\"],\"#T\":[],"
                + "\"since\":10,\"until\":20,\"limit\":5,\"search\":\"cats\"}");
    assertThat(f.ids()).containsExactly(A);
    assertThat(f.authors()).containsExactly(B);
    assertThat(f.kinds()).containsExactlyInAnyOrder(1, 30023);
    assertThat(f.tags()).isEqualTo(Map.of("e", Set.of("x", "y"), "T", Set.of()));
    assertThat(f.since().getAsLong()).isEqualTo(10);
    assertThat(f.until().getAsLong()).isEqualTo(20);
    assertThat(f.limit().getAsInt()).isEqualTo(5);
    assertThat(f.search()).contains("cats");
  }

  @Test
  void emptyObjectIsTheFilterThatMatchesAll() {
    assertThat(FilterJson.parse("{}")).isEqualTo(Filter.all());
    assertThat(FilterJson.write(Filter.all())).isEqualTo("{}");
  }

  @Test
  void writesSortedCompactJsonThatReadsBack() {
    String json =
        "{\"ids\":[\""
            + B
            + "\",\""
            + A
            + "\"],\"kinds\":[7,1],\"#p\":[\"q\\\"\"],\"#e\":[\"z\",\"a\"],"
            + "\"since\":0,\"limit\":0,\"search\":\"a\\nb\"}";
    Filter f = FilterJson.parse(json);
    String written = FilterJson.write(f);
    assertThat(written)
        .isEqualTo(
            "{\"ids\":[\""
                + B
                + "\",\""
                + A
                + "\"],\"kinds\":[1,7],\"#e\":[\"a\",\"z\"],\"#p\":[\"q\\\"\"],"
                + "\"since\":0,\"limit\":0,\"search\":\"a\\nb\"}");
    assertThat(FilterJson.parse(written)).isEqualTo(f);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"limit\":-1}|'limit' must be a non-negative integer",
        "{\"limit\":1.5}|'limit' must be a non-negative integer",
        "{\"limit\":\"5\"}|'limit' must be a non-negative integer",
        "{\"limit\":3000000000}|'limit' must be at most 2147483647",
        "{\"since\":99999999999999999999999}|'since' must be a non-negative integer",
        "{\"until\":null}|'until' must be a non-negative integer",
        "{\"ids\":[\"AB\"]}|'ids'[0] must be 64 lower-case hex characters",
        "{\"authors\":\"x\"}|'authors' must be an array of 64-character hex strings",
        "{\"kinds\":[1,65536]}|'kinds'[1] must be an integer between 0 and 65535",
        "{\"kinds\":[-1]}|'kinds'[0] must be an integer between 0 and 65535",
        "{\"kinds\":[\"1\"]}|'kinds'[0] must be an integer between 0 and 65535",
        "{\"kinds\":1}|'kinds' must be an array of integers",
        "{\"#e\":[1]}|'#e'[0] must be a string",
        "{\"#e\":\"x\"}|'#e' must be an array of strings",
        "{\"#ee\":[]}|unknown key '#ee'",
        "{\"#1\":[]}|unknown key '#1'",
        "{\"foo\":1}|unknown key 'foo'",
        "{\"search\":1}|'search' must be a string",
        "{\"limit\":1,\"limit\":2}|duplicate key 'limit'",
        "[]|a filter must be a JSON object",
        "{} {}|unexpected content after the filter object",
        "{\"limit\":|malformed filter JSON",
      })
  void rejectsPreciselyWhatIsWrong(String json, String message) {
    assertThatThrownBy(() -> FilterJson.parse(json))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsUpperCaseHex() {
    assertThatThrownBy(() -> FilterJson.parse("{\"authors\":[\"" + A.toUpperCase() + "\"]}"))
        .isInstanceOf(DecodeException.class)
        .hasMessage("'authors'[0] must be 64 lower-case hex characters");
  }
}
