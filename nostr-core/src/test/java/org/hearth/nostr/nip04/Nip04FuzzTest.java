package org.hearth.nostr.nip04;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.hearth.nostr.crypto.PrivateKey;

/**
 * Hostile NIP-04 payloads: a {@link Nip04Exception} or (NIP-04 has no MAC) a junk string when the
 * padding happens to look valid; never another exception.
 */
class Nip04FuzzTest {
  private static final PrivateKey ME = PrivateKey.fromHex("05".repeat(32));
  private static final PrivateKey PEER = PrivateKey.fromHex("06".repeat(32));

  private static void decryptSafely(String payload) {
    try {
      assertThat(Nip04.decrypt(payload, ME, PEER.publicKey())).isNotNull();
    } catch (Nip04Exception expected) {
      assertThat(expected.getMessage()).startsWith("NIP-04: ");
    }
  }

  @Property(tries = 300)
  void arbitraryStrings(@ForAll @StringLength(max = 300) String s) {
    decryptSafely(s);
    decryptSafely(s + "?iv=" + s);
  }

  @Property(tries = 300)
  void wellShapedGarbage(
      @ForAll @Size(max = 200) byte[] ciphertext, @ForAll @Size(max = 20) byte[] iv) {
    Base64.Encoder b64 = Base64.getEncoder();
    decryptSafely(b64.encodeToString(ciphertext) + "?iv=" + b64.encodeToString(iv));
  }
}
