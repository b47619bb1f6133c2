package org.hearth.nostr.nip44;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Hostile NIP-44 payloads: always a {@link Nip44Exception} naming the failed check. */
class Nip44FuzzTest {
  private static final byte[] KEY = new byte[32];

  static {
    KEY[0] = 42;
  }

  private static final String VALID = Nip44.encrypt("a message of some length, with ✓", KEY);

  @Property(tries = 500)
  void arbitraryStrings(@ForAll @StringLength(max = 400) String s) {
    assertThatThrownBy(() -> Nip44.decrypt(s, KEY)).isInstanceOf(Nip44Exception.class);
  }

  @Property(tries = 500)
  void randomBase64(@ForAll @Size(max = 600) byte[] data) {
    String s = Base64.getEncoder().encodeToString(data);
    assertThatThrownBy(() -> Nip44.decrypt(s, KEY)).isInstanceOf(Nip44Exception.class);
  }

  @Property(tries = 300)
  void randomBytesBehindTheRightVersion(@ForAll @Size(min = 98, max = 600) byte[] data) {
    data[0] = 2;
    String s = Base64.getEncoder().encodeToString(data);
    refusedFor(s, Nip44Exception.Reason.INVALID_MAC, Nip44Exception.Reason.INVALID_PAYLOAD_SIZE);
  }

  @Property(tries = 300)
  void flippedBitsAreCaught(
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] data = Base64.getDecoder().decode(VALID);
    data[position % data.length] ^= (byte) (1 << bit);
    String s = Base64.getEncoder().encodeToString(data);
    refusedFor(s, Nip44Exception.Reason.INVALID_MAC, Nip44Exception.Reason.UNKNOWN_VERSION);
  }

  @Property(tries = 100)
  void wrongVersions(@ForAll @IntRange(min = 0, max = 255) int version) {
    if (version == 2) {
      return;
    }
    byte[] data = Base64.getDecoder().decode(VALID);
    data[0] = (byte) version;
    String s = Base64.getEncoder().encodeToString(data);
    assertThatThrownBy(() -> Nip44.decrypt(s, KEY))
        .isInstanceOf(Nip44Exception.class)
        .hasMessageContaining("unknown encryption version " + version);
  }

  @Property(tries = 300)
  void truncatedAndExtendedPayloads(@ForAll @IntRange(min = 0, max = 400) int length) {
    String s =
        length <= VALID.length()
            ? VALID.substring(0, length)
            : VALID + "A".repeat(length - VALID.length());
    if (s.equals(VALID)) {
      return;
    }
    assertThatThrownBy(() -> Nip44.decrypt(s, KEY)).isInstanceOf(Nip44Exception.class);
  }

  @Property(tries = 300)
  void anyTextRoundTrips(@ForAll @StringLength(min = 1, max = 2000) String text) {
    if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 65535) {
      return;
    }
    // Lone surrogates do not survive UTF-8 in any implementation; compare what UTF-8 keeps.
    String expected =
        new String(
            text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(Nip44.decrypt(Nip44.encrypt(text, KEY), KEY)).isEqualTo(expected);
  }

  private static void refusedFor(String payload, Nip44Exception.Reason... reasons) {
    assertThatThrownBy(() -> Nip44.decrypt(payload, KEY))
        .isInstanceOf(Nip44Exception.class)
        .satisfies(e -> assertThat(((Nip44Exception) e).reason()).isIn((Object[]) reasons));
  }
}
