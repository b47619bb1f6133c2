package org.hearth.assistant.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hearth.nostr.DecodeException;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class Nip19Test {
  // Vectors from NIP-19.
  private static final String NPUB =
      "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg";
  private static final String NPUB_HEX =
      "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e";
  private static final String NSEC =
      "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5";
  private static final String NSEC_HEX =
      "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa";

  @Test
  void encodesAndDecodesTheNipVectors() {
    assertThat(Nip19.parsePublicKey(NPUB).hex()).isEqualTo(NPUB_HEX);
    assertThat(Nip19.npub(PublicKey.fromHex(NPUB_HEX))).isEqualTo(NPUB);
    assertThat(Nip19.parsePrivateKey(NSEC).hex()).isEqualTo(NSEC_HEX);
    assertThat(Nip19.nsec(PrivateKey.fromHex(NSEC_HEX))).isEqualTo(NSEC);
    assertThat(
            Nip19.npub(
                PublicKey.fromHex(
                    "3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d")))
        .isEqualTo("npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6");
  }

  @Test
  void acceptsHexKeys() {
    assertThat(Nip19.parsePublicKey(NPUB_HEX.toUpperCase()).hex()).isEqualTo(NPUB_HEX);
    assertThat(Nip19.parsePrivateKey(" " + NSEC_HEX + "\n").hex()).isEqualTo(NSEC_HEX);
  }

  @Test
  void neventCarriesIdRelayAndAuthor() {
    String id = "b9f5441e45ca39179320e0031cfb18e34078673dcc3d3e3a3b3a981760aa5696";
    String nevent = Nip19.nevent(id, "ws://127.0.0.1:8080/family", NPUB_HEX);
    assertThat(nevent).startsWith("nevent1");
    assertThat(Nip19.neventId(nevent)).isEqualTo(id);
  }

  @Test
  void rejectsBadChecksumsAndForeignPrefixesWithoutEchoingSecrets() {
    String broken = NSEC.substring(0, NSEC.length() - 1) + "q";
    assertThatThrownBy(() -> Nip19.parsePrivateKey(broken))
        .isInstanceOf(DecodeException.class)
        .hasMessageNotContaining(broken);
    assertThatThrownBy(() -> Nip19.parsePrivateKey("not a key"))
        .isInstanceOf(DecodeException.class)
        .hasMessageNotContaining("not a key");
    assertThatThrownBy(() -> Nip19.parsePublicKey("npub1xyz")).isInstanceOf(DecodeException.class);
  }
}
