package org.hearth.nostr.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.InvalidEventException;

/** Event JSON parsing and validation never fail with anything but a typed, explained error. */
class EventJsonFuzzTest {
  private static final String JSON = Samples.EVENT.toJson();

  private static void parseAndValidate(String s) {
    Fuzz.onlyTypedErrors(s, () -> Event.fromJson(s).validate());
  }

  @Property
  void randomStrings(@ForAll(supplier = Fuzz.Strings.class) String s) {
    parseAndValidate(s);
  }

  @Property
  void randomBytes(@ForAll(supplier = Fuzz.Bytes.class) String s) {
    parseAndValidate(s);
  }

  @Property
  void mutatedEvents(@ForAll("mutations") String s) {
    parseAndValidate(s);
  }

  @Provide
  Arbitrary<String> mutations() {
    return Fuzz.mutationsOf(List.of(JSON));
  }

  @Example
  void everyTruncationIsRejected() {
    assertThat(Event.fromJson(JSON).validate()).isEqualTo(Samples.EVENT);
    for (int i = 0; i < JSON.length(); i++) {
      String prefix = JSON.substring(0, i);
      Fuzz.mustReject(prefix, () -> Event.fromJson(prefix));
    }
  }

  @Property
  void wrongHexLengthsAreInvalidEvents(
      @ForAll("hexLengths") int length, @ForAll("fields") String field) {
    String bad = "a".repeat(length);
    String json =
        JSON.replaceFirst("\"" + field + "\":\"[0-9a-f]+\"", "\"" + field + "\":\"" + bad + "\"");
    Event e = Event.fromJson(json);
    assertThatThrownBy(e::validate)
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith(field + " must be");
  }

  @Provide
  Arbitrary<Integer> hexLengths() {
    return Arbitraries.integers().between(0, 300).filter(n -> n != 64 && n != 128);
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.of("id", "pubkey", "sig");
  }

  @Example
  void upperCaseHexIsInvalid() {
    Event e = Event.fromJson(JSON.replace(Samples.ID, Samples.ID.toUpperCase()));
    assertThatThrownBy(e::validate).hasMessage("id must be 64 lower-case hex characters");
  }

  @Example
  void oversizedContentIsRejectedByTheParser() {
    String big = JSON.replace("\"content\":\"", "\"content\":\"" + "x".repeat(17 * 1024 * 1024));
    assertThatThrownBy(() -> Event.fromJson(big))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("String value length");
  }

  @Example
  void deepNestingIsRejected() {
    String deep = "{\"tags\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThatThrownBy(() -> Event.fromJson(deep)).isInstanceOf(DecodeException.class);
    String deepUnknown = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThatThrownBy(() -> Event.fromJson(deepUnknown))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("nesting depth");
  }

  @Example
  void hugeNumbersAreRejected() {
    String[][] cases = {
      {
        "\"created_at\":1700000000",
        "\"created_at\":99999999999999999999",
        "created_at is out of range"
      },
      {"\"created_at\":1700000000", "\"created_at\":" + "9".repeat(5000), "Number value length"},
      {"\"created_at\":1700000000", "\"created_at\":1e400", "created_at must be an integer"},
      {"\"kind\":30023", "\"kind\":4294967297", "kind must be between 0 and 65535"},
      {"\"kind\":30023", "\"kind\":-1", "kind must be between 0 and 65535"},
      {"\"kind\":30023", "\"kind\":1.0", "kind must be an integer"},
    };
    for (String[] c : cases) {
      String json = JSON.replace(c[0], c[1]);
      assertThat(json).isNotEqualTo(JSON);
      assertThatThrownBy(() -> Event.fromJson(json))
          .isInstanceOf(DecodeException.class)
          .hasMessageContaining(c[2]);
    }
  }

  @Example
  void negativeCreatedAtParsesButIsInvalid() {
    Event e = Event.fromJson(JSON.replace("\"created_at\":1700000000", "\"created_at\":-5"));
    assertThatThrownBy(e::validate).hasMessage("created_at must not be negative");
  }
}
