package org.hearth.nostr.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The 19 official BIP-340 vectors, through the public {@link Schnorr} API. */
class Bip340VectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  record Vector(
      int index,
      String secretKey,
      String publicKey,
      String aux,
      String message,
      String signature,
      boolean valid,
      String comment) {
    byte[] msg() {
      return HEX.parseHex(message);
    }

    byte[] sig() {
      return HEX.parseHex(signature);
    }

    byte[] pub() {
      return HEX.parseHex(publicKey);
    }

    @Override
    public String toString() {
      return index + (comment.isEmpty() ? "" : " (" + comment + ")");
    }
  }

  static List<Vector> vectors() throws IOException {
    try (InputStream in =
        Bip340VectorsTest.class.getResourceAsStream("/vectors/bip340-test-vectors.csv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines()
          .filter(l -> !l.startsWith("#") && !l.startsWith("index"))
          .map(l -> l.split(",", -1))
          .map(
              f ->
                  new Vector(
                      Integer.parseInt(f[0]),
                      f[1],
                      f[2],
                      f[3],
                      f[4],
                      f[5],
                      f[6].equals("TRUE"),
                      f[7]))
          .toList();
    }
  }

  static Stream<Vector> signable() throws IOException {
    return vectors().stream().filter(v -> !v.secretKey().isEmpty());
  }

  @Test
  void thereAreNineteenVectorsWithFourNon32ByteMessages() throws IOException {
    assertThat(vectors()).hasSize(19);
    assertThat(vectors().stream().filter(v -> v.msg().length != 32)).hasSize(4);
  }

  @ParameterizedTest
  @MethodSource("signable")
  void signProducesTheExactSignature(Vector v) {
    PrivateKey key = PrivateKey.fromHex(v.secretKey());
    assertThat(key.publicKey().hex()).isEqualToIgnoringCase(v.publicKey());
    byte[] sig = Schnorr.sign(v.msg(), key, HEX.parseHex(v.aux()));
    assertThat(HEX.formatHex(sig)).isEqualToIgnoringCase(v.signature());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void verifyGivesTheExpectedResult(Vector v) {
    assertThat(Schnorr.verify(v.sig(), v.msg(), v.pub())).isEqualTo(v.valid());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void theAnyLengthPathAgreesWithTheVectorsToo(Vector v) {
    var generic = new Bip340AnyLength(Schnorr.nativeLib());
    assertThat(generic.verify(v.sig(), v.msg(), v.pub())).isEqualTo(v.valid());
    if (!v.secretKey().isEmpty()) {
      byte[] sig = generic.sign(v.msg(), HEX.parseHex(v.secretKey()), HEX.parseHex(v.aux()));
      assertThat(HEX.formatHex(sig)).isEqualToIgnoringCase(v.signature());
    }
  }

  /**
   * The JNI binding throws (instead of returning false) for public keys that are not on the curve
   * (vectors 5 and 14); {@link Schnorr#verify} turns that into "invalid".
   */
  @Test
  void nativeExceptionsMeanInvalid() throws IOException {
    Vector v5 = vectors().get(5);
    Vector v14 = vectors().get(14);
    for (Vector v : List.of(v5, v14)) {
      assertThatThrownBy(() -> Schnorr.nativeLib().verifySchnorr(v.sig(), v.msg(), v.pub()))
          .isInstanceOf(RuntimeException.class);
      assertThat(Schnorr.verify(v.sig(), v.msg(), v.pub())).isFalse();
    }
  }

  @Test
  void malformedInputsAreInvalidNotErrors() throws IOException {
    Vector v = vectors().get(1);
    assertThat(Schnorr.verify(null, v.msg(), v.pub())).isFalse();
    assertThat(Schnorr.verify(new byte[63], v.msg(), v.pub())).isFalse();
    assertThat(Schnorr.verify(v.sig(), null, v.pub())).isFalse();
    assertThat(Schnorr.verify(v.sig(), v.msg(), new byte[31])).isFalse();
    assertThat(Schnorr.verify(v.sig(), v.msg(), new byte[32])).isFalse();
    assertThat(Schnorr.verify(new byte[64], new byte[5], v.pub())).isFalse();
  }

  @Test
  void nullAuxIsZeroAuxOnBothPaths() throws IOException {
    Vector v0 = vectors().get(0);
    Vector v15 = vectors().get(15);
    for (Vector v : List.of(v0, v15)) {
      byte[] sig = Schnorr.sign(v.msg(), PrivateKey.fromHex(v.secretKey()), null);
      assertThat(HEX.formatHex(sig)).isEqualToIgnoringCase(v.signature());
    }
  }
}
