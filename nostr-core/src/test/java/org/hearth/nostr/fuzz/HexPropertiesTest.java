package org.hearth.nostr.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Hex;

/** Hex decoding accepts exactly even-length ASCII hex and says why anything else fails. */
class HexPropertiesTest {
  private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})*");
  private static final Pattern LOWER_64 = Pattern.compile("[0-9a-f]{64}");

  @Property
  void roundTrip(@ForAll byte[] bytes) {
    assertThat(Hex.decode(Hex.encode(bytes))).isEqualTo(bytes);
    assertThat(Hex.isLowerHex(Hex.encode(bytes), bytes.length)).isTrue();
  }

  @Property(tries = 3000)
  void decodeSucceedsExactlyForAsciiHex(@ForAll("candidates") String s) {
    if (HEX.matcher(s).matches()) {
      assertThat(Hex.encode(Hex.decode(s))).isEqualTo(s.toLowerCase());
    } else {
      Fuzz.mustReject(s, () -> Hex.decode(s));
    }
  }

  @Property(tries = 3000)
  void decodeLowerAcceptsExactly64LowerCaseCharacters(@ForAll("candidates") String s) {
    if (LOWER_64.matcher(s).matches()) {
      assertThat(Hex.decodeLower(s, 32, "key")).hasSize(32);
    } else {
      assertThatThrownBy(() -> Hex.decodeLower(s, 32, "key"))
          .isInstanceOf(DecodeException.class)
          .hasMessage("key must be 64 lower-case hex characters");
    }
  }

  @Property(tries = 3000)
  void decodeLowerOrNullAgreesWithDecodeLower(@ForAll("candidates") String s) {
    if (LOWER_64.matcher(s).matches()) {
      assertThat(Hex.decodeLowerOrNull(s, 32)).isEqualTo(Hex.decode(s));
    } else {
      assertThat(Hex.decodeLowerOrNull(s, 32)).isNull();
    }
  }

  @Provide
  Arbitrary<String> candidates() {
    return net.jqwik.api.Arbitraries.oneOf(
        Fuzz.strings(),
        net.jqwik.api.Arbitraries.strings().withChars("0123456789abcdefABCDEFg").ofMaxLength(130),
        net.jqwik.api.Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
        net.jqwik.api.Arbitraries.strings().withChars("0123456789abcdef").ofLength(63));
  }

  @Example
  void nonAsciiDigitsAreNotHex() {
    // Character.digit would read these (Arabic-Indic and full-width digits) as 0.
    for (String s : new String[] {"\u0660\u0660", "\uff10\uff10", "\uff41\uff41"}) {
      assertThatThrownBy(() -> Hex.decode(s))
          .isInstanceOf(DecodeException.class)
          .hasMessage("not a hex digit at position 0");
    }
    assertThatThrownBy(() -> Hex.decode("abc")).hasMessage("hex string has odd length 3");
    assertThatThrownBy(() -> Hex.decode(null)).hasMessage("hex string is null");
  }
}
