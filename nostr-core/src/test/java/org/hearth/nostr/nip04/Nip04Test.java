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
  void wrongKeyOrGarbageIsATypedError() {
    String payload = Nip04.encrypt("secret text", alice, bob.publicKey());
    PrivateKey eve = PrivateKey.generate();
    assertThatThrownBy(() -> Nip04.decrypt(payload, eve, alice.publicKey()))
        .isInstanceOf(Nip04Exception.class)
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
}
