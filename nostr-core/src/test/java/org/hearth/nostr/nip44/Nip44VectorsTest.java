package org.hearth.nostr.nip44;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.CryptoException;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every valid and invalid case of the official NIP-44 v2 vectors (src/test/resources). */
class Nip44VectorsTest {
  private static final JsonNode V2 = load().get("v2");

  private static JsonNode load() {
    try (InputStream in = Nip44VectorsTest.class.getResourceAsStream("/nip44.vectors.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hex(JsonNode n, String field) {
    return Hex.decode(n.get(field).asText());
  }

  @Test
  void vectorFileHasAllSections() {
    assertThat(V2.get("valid").get("get_conversation_key")).hasSize(35);
    assertThat(V2.get("valid").get("get_message_keys").get("keys")).hasSize(32);
    assertThat(V2.get("valid").get("calc_padded_len")).hasSize(24);
    assertThat(V2.get("valid").get("encrypt_decrypt")).hasSize(10);
    assertThat(V2.get("valid").get("encrypt_decrypt_long_msg")).hasSize(3);
    assertThat(V2.get("invalid").get("encrypt_msg_lengths")).hasSize(4);
    assertThat(V2.get("invalid").get("get_conversation_key")).hasSize(8);
    assertThat(V2.get("invalid").get("decrypt")).hasSize(12);
  }

  @TestFactory
  List<DynamicTest> validConversationKeys() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : V2.get("valid").get("get_conversation_key")) {
      tests.add(
          DynamicTest.dynamicTest(
              v.get("pub2").asText(),
              () -> {
                byte[] key =
                    Nip44.conversationKey(
                        PrivateKey.fromHex(v.get("sec1").asText()),
                        PublicKey.fromHex(v.get("pub2").asText()));
                assertThat(Hex.encode(key)).isEqualTo(v.get("conversation_key").asText());
              }));
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> validMessageKeys() {
    JsonNode section = V2.get("valid").get("get_message_keys");
    byte[] conversationKey = hex(section, "conversation_key");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : section.get("keys")) {
      tests.add(
          DynamicTest.dynamicTest(
              v.get("nonce").asText(),
              () -> {
                MessageKeys k = Nip44.messageKeys(conversationKey, hex(v, "nonce"));
                assertThat(Hex.encode(k.chachaKey())).isEqualTo(v.get("chacha_key").asText());
                assertThat(Hex.encode(k.chachaNonce())).isEqualTo(v.get("chacha_nonce").asText());
                assertThat(Hex.encode(k.hmacKey())).isEqualTo(v.get("hmac_key").asText());
              }));
    }
    return tests;
  }

  @Test
  void validPaddedLengths() {
    for (JsonNode v : V2.get("valid").get("calc_padded_len")) {
      assertThat(Nip44.calcPaddedLen(v.get(0).asInt()))
          .as("padded length of %d", v.get(0).asInt())
          .isEqualTo(v.get(1).asInt());
    }
  }

  @TestFactory
  List<DynamicTest> validEncryptDecrypt() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : V2.get("valid").get("encrypt_decrypt")) {
      tests.add(
          DynamicTest.dynamicTest(
              v.get("payload").asText().substring(0, 20),
              () -> {
                PrivateKey sec1 = PrivateKey.fromHex(v.get("sec1").asText());
                PrivateKey sec2 = PrivateKey.fromHex(v.get("sec2").asText());
                byte[] key = Nip44.conversationKey(sec1, sec2.publicKey());
                assertThat(Hex.encode(key)).isEqualTo(v.get("conversation_key").asText());
                assertThat(Nip44.conversationKey(sec2, sec1.publicKey())).isEqualTo(key);
                String plaintext = v.get("plaintext").asText();
                String payload = Nip44.encrypt(plaintext, key, hex(v, "nonce"));
                assertThat(payload).isEqualTo(v.get("payload").asText());
                assertThat(Nip44.decrypt(payload, key)).isEqualTo(plaintext);
                assertThat(Nip44.decrypt(payload, sec2, sec1.publicKey())).isEqualTo(plaintext);
              }));
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> validLongMessages() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : V2.get("valid").get("encrypt_decrypt_long_msg")) {
      tests.add(
          DynamicTest.dynamicTest(
              v.get("pattern").asText() + " x " + v.get("repeat").asInt(),
              () -> {
                String plaintext = v.get("pattern").asText().repeat(v.get("repeat").asInt());
                assertThat(sha256(plaintext)).isEqualTo(v.get("plaintext_sha256").asText());
                byte[] key = hex(v, "conversation_key");
                String payload = Nip44.encrypt(plaintext, key, hex(v, "nonce"));
                assertThat(sha256(payload)).isEqualTo(v.get("payload_sha256").asText());
                assertThat(Nip44.decrypt(payload, key)).isEqualTo(plaintext);
              }));
    }
    return tests;
  }

  @Test
  void invalidMessageLengthsAreRejected() {
    byte[] key = new byte[32];
    for (JsonNode v : V2.get("invalid").get("encrypt_msg_lengths")) {
      String plaintext = "a".repeat(v.asInt());
      assertThatThrownBy(() -> Nip44.encrypt(plaintext, key))
          .isInstanceOf(Nip44Exception.class)
          .hasMessageContaining("plaintext must be 1 to 65535 bytes")
          .extracting(e -> ((Nip44Exception) e).reason())
          .isEqualTo(Nip44Exception.Reason.INVALID_PLAINTEXT);
    }
  }

  @TestFactory
  List<DynamicTest> invalidConversationKeys() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : V2.get("invalid").get("get_conversation_key")) {
      tests.add(
          DynamicTest.dynamicTest(
              v.get("note").asText(),
              () ->
                  assertThatThrownBy(
                          () ->
                              Nip44.conversationKey(
                                  PrivateKey.fromHex(v.get("sec1").asText()),
                                  PublicKey.fromHex(v.get("pub2").asText())))
                      .isInstanceOf(CryptoException.class)
                      .hasMessageMatching(
                          "(not a valid secp256k1 secret key"
                              + "|public key [0-9a-f]{64} is not a point on secp256k1)")));
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> invalidPayloads() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : V2.get("invalid").get("decrypt")) {
      String note = v.get("note").asText();
      tests.add(
          DynamicTest.dynamicTest(
              note,
              () ->
                  assertThatThrownBy(
                          () ->
                              Nip44.decrypt(v.get("payload").asText(), hex(v, "conversation_key")))
                      .isInstanceOf(Nip44Exception.class)
                      .extracting(e -> ((Nip44Exception) e).reason())
                      .isEqualTo(expectedReason(note))));
    }
    return tests;
  }

  private static Nip44Exception.Reason expectedReason(String note) {
    if (note.startsWith("unknown encryption version")) {
      return Nip44Exception.Reason.UNKNOWN_VERSION;
    }
    if (note.equals("invalid base64")) {
      return Nip44Exception.Reason.INVALID_BASE64;
    }
    if (note.equals("invalid MAC")) {
      return Nip44Exception.Reason.INVALID_MAC;
    }
    if (note.equals("invalid padding")) {
      return Nip44Exception.Reason.INVALID_PADDING;
    }
    if (note.startsWith("invalid payload length: 0")) {
      return Nip44Exception.Reason.UNKNOWN_VERSION;
    }
    if (note.startsWith("invalid payload length")) {
      return Nip44Exception.Reason.INVALID_PAYLOAD_SIZE;
    }
    throw new AssertionError("a vector note this test does not know: " + note);
  }

  static String sha256(String s) throws Exception {
    return Hex.encode(
        MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
