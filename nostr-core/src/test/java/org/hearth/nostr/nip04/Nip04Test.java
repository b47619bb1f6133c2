package org.hearth.nostr.nip04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hearth.nostr.crypto.PrivateKey;
import org.junit.jupiter.api.Test;

class Nip04Test {
  private final PrivateKey alice = PrivateKey.generate();
  private final PrivateKey bob = PrivateKey.generate();

  @Test
  void roundTripsBothWays() {
    String payload = Nip04.encrypt("hello, bob ✓ 🦄", alice, bob.publicKey());
    assertThat(payload).matches("[A-Za-z0-9+/=]+\\?iv=[A-Za-z0-9+/=]{24}");
    assertThat(Nip04.decrypt(payload, bob, alice.publicKey())).isEqualTo("hello, bob ✓ 🦄");
    assertThat(Nip04.decrypt(payload, alice, bob.publicKey())).isEqualTo("hello, bob ✓ 🦄");
  }

  @Test
  void wrongKeyOrGarbageIsATypedError() throws Exception {
    String payload = Nip04.encrypt("secret text", alice, bob.publicKey());
    // Fixed keys and IV: this wrong key deterministically fails the PKCS#7 padding check.
    PrivateKey a = PrivateKey.fromHex("01".repeat(32));
    PrivateKey b = PrivateKey.fromHex("02".repeat(32));
    PrivateKey eve = PrivateKey.fromHex("03".repeat(32));
    String sameIv = fixedPayload(a, b, "secret text");
    assertThat(Nip04.decrypt(sameIv, b, a.publicKey())).isEqualTo("secret text");
    assertThatThrownBy(() -> Nip04.decrypt(sameIv, eve, a.publicKey()))
        .isInstanceOf(Nip04Exception.class)
        .hasMessageContaining("does not decrypt (wrong key or corrupted ciphertext)")
        .hasMessageNotContaining("secret text");
    assertThatThrownBy(() -> Nip04.decrypt("abc", bob, alice.publicKey()))
        .isInstanceOf(Nip04Exception.class)
        .hasMessageContaining("base64?iv=base64");
    assertThatThrownBy(
            () -> Nip04.decrypt("!!!?iv=AAAAAAAAAAAAAAAAAAAAAA==", bob, alice.publicKey()))
        .hasMessageContaining("ciphertext is not valid base64");
    assertThatThrownBy(() -> Nip04.decrypt("AAAA?iv=AAAA", bob, alice.publicKey()))
        .hasMessageContaining("iv must be 16 bytes, was 3");
    assertThatThrownBy(
            () -> Nip04.decrypt("AAAA?iv=AAAAAAAAAAAAAAAAAAAAAA==", bob, alice.publicKey()))
        .hasMessageContaining("multiple of 16 bytes, was 3");
    assertThatThrownBy(() -> Nip04.decrypt(payload + "?iv=x", bob, alice.publicKey()))
        .hasMessageContaining("base64?iv=base64");
  }

  /** AES-256-CBC with a zero IV, made with JCA directly: a payload that never changes. */
  private static String fixedPayload(PrivateKey sender, PrivateKey recipient, String text)
      throws Exception {
    javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(
        javax.crypto.Cipher.ENCRYPT_MODE,
        new javax.crypto.spec.SecretKeySpec(
            org.hearth.nostr.crypto.Ecdh.sharedX(sender, recipient.publicKey()), "AES"),
        new javax.crypto.spec.IvParameterSpec(new byte[16]));
    byte[] ct = c.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return java.util.Base64.getEncoder().encodeToString(ct) + "?iv=AAAAAAAAAAAAAAAAAAAAAA==";
  }
}
