package org.hearth.nostr.nip19;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;

/** Hostile input to the bech32/NIP-19 decoders: only typed errors, never a crash. */
class Nip19FuzzTest {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final PublicKey KEY = PrivateKey.fromHex("07".repeat(32)).publicKey();
  private static final List<String> VALID =
      List.of(
          KEY.npub(),
          new Nip19Entity.Note("ab".repeat(32)).encode(),
          new Nip19Entity.Nprofile(KEY, List.of("wss://a.example", "wss://b.example")).encode(),
          new Nip19Entity.Nevent(
                  "cd".repeat(32), List.of("wss://r"), Optional.of(KEY), Optional.of(1))
              .encode(),
          new Nip19Entity.Naddr("id", KEY, 30023, List.of("wss://r")).encode());

  /** Decoding returns an entity or throws a DecodeException; anything else fails the property. */
  private static void decodeSafely(String s) {
    try {
      assertThat(Nip19.decode(s)).isNotNull();
    } catch (DecodeException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 500)
  void randomStrings(@ForAll @Size(max = 200) String s) {
    decodeSafely(s);
    decodeSafely("npub1" + s);
    decodeSafely("nostr:" + s);
  }

  @Property(tries = 500)
  void randomBech32AlphabetStrings(@ForAll("bech32ish") String s) {
    decodeSafely(s);
  }

  @Provide
  Arbitrary<String> bech32ish() {
    return Arbitraries.of("npub1", "nsec1", "note1", "nprofile1", "nevent1", "naddr1", "x1")
        .flatMap(
            hrp ->
                Arbitraries.strings()
                    .withChars(CHARSET.toCharArray())
                    .ofMaxLength(400)
                    .map(data -> hrp + data));
  }

  @Property(tries = 500)
  void oneChangedCharacterBreaksTheChecksum(
      @ForAll @IntRange(min = 0, max = 4) int which,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 31) int shift) {
    String s = VALID.get(which);
    int sep = s.lastIndexOf('1');
    int i = sep + 1 + position % (s.length() - sep - 1);
    char replaced = CHARSET.charAt((CHARSET.indexOf(s.charAt(i)) + shift) % 32);
    String broken = s.substring(0, i) + replaced + s.substring(i + 1);
    assertThatThrownBy(() -> Nip19.decode(broken))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("checksum");
  }

  @Property(tries = 300)
  void wrongKeyLengths(@ForAll @Size(max = 80) byte[] data, @ForAll("keyPrefixes") String hrp) {
    String s = Bech32.encode(hrp, data);
    if (data.length == 32) {
      decodeSafely(s);
    } else {
      assertThatThrownBy(() -> Nip19.decode(s))
          .isInstanceOf(DecodeException.class)
          .hasMessageContaining("must hold 32 bytes, holds " + data.length);
    }
  }

  @Provide
  Arbitrary<String> keyPrefixes() {
    return Arbitraries.of("npub", "nsec", "note");
  }

  @Property(tries = 500)
  void tlvGarbage(@ForAll @Size(max = 300) byte[] data, @ForAll("tlvPrefixes") String hrp) {
    decodeSafely(Bech32.encode(hrp, data));
  }

  @Provide
  Arbitrary<String> tlvPrefixes() {
    return Arbitraries.of("nprofile", "nevent", "naddr");
  }

  @Property(tries = 300)
  void truncatedTlvs(
      @ForAll @IntRange(min = 2, max = 4) int which,
      @ForAll @IntRange(min = 0, max = 1000) int cut) {
    Bech32.Decoded d = Bech32.decode(VALID.get(which));
    byte[] data = d.data();
    byte[] truncated = java.util.Arrays.copyOf(data, cut % data.length);
    decodeSafely(Bech32.encode(d.hrp(), truncated));
  }

  @Property(tries = 300)
  void keyParsersOnlyThrowTypedErrors(@ForAll @Size(max = 120) String s) {
    try {
      PrivateKey.parse(s);
    } catch (NostrException expected) {
      assertThat(expected.getMessage()).doesNotContain(s.length() >= 8 ? s : "\u0000never");
    }
    try {
      PublicKey.parse(s);
    } catch (NostrException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
