package org.hearth.nostr.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearth.nostr.interop.NipsNode.request;

import java.util.List;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.nip04.Nip04;
import org.hearth.nostr.nip04.Nip04Exception;
import org.hearth.nostr.nip44.Nip44;
import org.hearth.nostr.nip44.Nip44Exception;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NIP-44 v2 and NIP-04 payloads made by nostr-tools are read here, and the other way round. */
class EncryptionInteropTest {
  private static NipsNode node;
  private static final List<String> TEXTS =
      List.of(
          "a",
          "hello from Hearth",
          "ünïcödé ✓ 🦄 \u0000 control \n\t \"quotes\" \\",
          "x".repeat(33),
          "y".repeat(1000),
          "z".repeat(65535));

  @BeforeAll
  static void start() {
    node = NipsNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void nip44BothWays() {
    PrivateKey alice = PrivateKey.generate();
    PrivateKey bob = PrivateKey.generate();
    for (String text : TEXTS) {
      String fromJava = Nip44.encrypt(text, alice, bob.publicKey());
      String readByNode =
          node.call(
                  request("nip44Decrypt")
                      .put("sk", bob.hex())
                      .put("pk", alice.publicKey().hex())
                      .put("payload", fromJava))
              .asText();
      assertThat(readByNode).isEqualTo(text);
      String fromNode =
          node.call(
                  request("nip44Encrypt")
                      .put("sk", bob.hex())
                      .put("pk", alice.publicKey().hex())
                      .put("plaintext", text))
              .asText();
      assertThat(Nip44.decrypt(fromNode, alice, bob.publicKey())).isEqualTo(text);
    }
  }

  @Test
  void nip44TamperingIsRefusedOnBothSides() {
    PrivateKey alice = PrivateKey.generate();
    PrivateKey bob = PrivateKey.generate();
    String fromNode =
        node.call(
                request("nip44Encrypt")
                    .put("sk", bob.hex())
                    .put("pk", alice.publicKey().hex())
                    .put("plaintext", "pay 10 sats"))
            .asText();
    assertThatThrownBy(() -> Nip44.decrypt(fromNode, PrivateKey.generate(), bob.publicKey()))
        .isInstanceOf(Nip44Exception.class)
        .hasMessageContaining("invalid MAC");
    String fromJava = Nip44.encrypt("pay 10 sats", alice, bob.publicKey());
    char c = fromJava.charAt(60);
    String tampered = fromJava.substring(0, 60) + (c == 'A' ? 'B' : 'A') + fromJava.substring(61);
    assertThatThrownBy(
            () ->
                node.call(
                    request("nip44Decrypt")
                        .put("sk", bob.hex())
                        .put("pk", alice.publicKey().hex())
                        .put("payload", tampered)))
        .isInstanceOf(NipsNode.NodeError.class)
        .hasMessageContaining("invalid MAC");
  }

  @Test
  void nip04BothWays() {
    PrivateKey alice = PrivateKey.generate();
    PrivateKey bob = PrivateKey.generate();
    for (String text : TEXTS.subList(0, 5)) {
      String fromJava = Nip04.encrypt(text, alice, bob.publicKey());
      assertThat(
              node.call(
                      request("nip04Decrypt")
                          .put("sk", bob.hex())
                          .put("pk", alice.publicKey().hex())
                          .put("payload", fromJava))
                  .asText())
          .isEqualTo(text);
      String fromNode =
          node.call(
                  request("nip04Encrypt")
                      .put("sk", bob.hex())
                      .put("pk", alice.publicKey().hex())
                      .put("plaintext", text))
              .asText();
      assertThat(Nip04.decrypt(fromNode, alice, bob.publicKey())).isEqualTo(text);
    }
    String fromNode =
        node.call(
                request("nip04Encrypt")
                    .put("sk", bob.hex())
                    .put("pk", alice.publicKey().hex())
                    .put("plaintext", "only for alice"))
            .asText();
    // NIP-04 has no MAC: a wrong key fails the padding check (or, 1 time in ~256, yields junk).
    try {
      assertThat(Nip04.decrypt(fromNode, PrivateKey.generate(), bob.publicKey()))
          .isNotEqualTo("only for alice");
    } catch (Nip04Exception expected) {
      assertThat(expected).hasMessageContaining("NIP-04");
    }
  }
}
