package org.hearth.nostr.nip44;

import static org.hearth.nostr.nip44.Nip44Exception.Reason.INVALID_BASE64;
import static org.hearth.nostr.nip44.Nip44Exception.Reason.INVALID_KEY;
import static org.hearth.nostr.nip44.Nip44Exception.Reason.INVALID_MAC;
import static org.hearth.nostr.nip44.Nip44Exception.Reason.INVALID_PADDING;
import static org.hearth.nostr.nip44.Nip44Exception.Reason.INVALID_PAYLOAD_SIZE;
import static org.hearth.nostr.nip44.Nip44Exception.Reason.INVALID_PLAINTEXT;
import static org.hearth.nostr.nip44.Nip44Exception.Reason.UNKNOWN_VERSION;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Utf8;
import org.hearth.nostr.crypto.Ecdh;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;

/**
 * NIP-44 version 2 encrypted payloads: secp256k1 ECDH, HKDF-SHA256, ChaCha20, HMAC-SHA256 and the
 * power-of-two padding scheme. Written against the official test vectors; every failure is a {@link
 * Nip44Exception} naming the failed check.
 */
public final class Nip44 {
  /** The version byte this class writes and reads. */
  public static final byte VERSION = 2;

  public static final int MIN_PLAINTEXT_SIZE = 1;
  public static final int MAX_PLAINTEXT_SIZE = 65535;
  private static final byte[] SALT = "nip44-v2".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Nip44() {}

  /** The 32-byte conversation key between a secret key and a peer's public key (symmetric). */
  public static byte[] conversationKey(PrivateKey secret, PublicKey peer) {
    return Hkdf.extract(SALT, Ecdh.sharedX(secret, peer));
  }

  /**
   * Derives ChaCha20 key, ChaCha20 nonce and HMAC key from a conversation key and 32-byte nonce.
   */
  public static MessageKeys messageKeys(byte[] conversationKey, byte[] nonce) {
    if (conversationKey == null || conversationKey.length != 32) {
      throw new Nip44Exception(INVALID_KEY, "a conversation key is 32 bytes");
    }
    if (nonce == null || nonce.length != 32) {
      throw new Nip44Exception(INVALID_KEY, "a nonce is 32 bytes");
    }
    byte[] keys = Hkdf.expand(conversationKey, nonce, 76);
    return new MessageKeys(
        Arrays.copyOfRange(keys, 0, 32),
        Arrays.copyOfRange(keys, 32, 44),
        Arrays.copyOfRange(keys, 44, 76));
  }

  /** The padded length of a plaintext of {@code unpaddedLen} (at least 1) bytes. */
  public static int calcPaddedLen(int unpaddedLen) {
    if (unpaddedLen < 1) {
      throw new IllegalArgumentException("length must be positive, was " + unpaddedLen);
    }
    if (unpaddedLen <= 32) {
      return 32;
    }
    int nextPower = Integer.highestOneBit(unpaddedLen - 1) << 1;
    int chunk = nextPower <= 256 ? 32 : nextPower / 8;
    return chunk * ((unpaddedLen - 1) / chunk + 1);
  }

  /** Encrypts with a fresh random nonce. */
  public static String encrypt(String plaintext, byte[] conversationKey) {
    byte[] nonce = new byte[32];
    RANDOM.nextBytes(nonce);
    return encrypt(plaintext, conversationKey, nonce);
  }

  /** Encrypts from {@code sender} to {@code recipient} with a fresh random nonce. */
  public static String encrypt(String plaintext, PrivateKey sender, PublicKey recipient) {
    return encrypt(plaintext, conversationKey(sender, recipient));
  }

  /** Encrypts with the given 32-byte nonce. Reusing a nonce breaks confidentiality: tests only. */
  public static String encrypt(String plaintext, byte[] conversationKey, byte[] nonce) {
    if (plaintext == null) {
      throw new Nip44Exception(INVALID_PLAINTEXT, "plaintext is null");
    }
    MessageKeys keys = messageKeys(conversationKey, nonce);
    byte[] padded = pad(plaintext.getBytes(StandardCharsets.UTF_8));
    byte[] ciphertext = chacha20(keys, padded);
    byte[] mac = Hkdf.hmac(keys.hmacKey(), nonce, ciphertext);
    ByteBuffer out = ByteBuffer.allocate(1 + 32 + ciphertext.length + 32);
    out.put(VERSION).put(nonce).put(ciphertext).put(mac);
    return Base64.getEncoder().encodeToString(out.array());
  }

  /** Decrypts a payload that {@code sender} encrypted to {@code recipient}. */
  public static String decrypt(String payload, PrivateKey recipient, PublicKey sender) {
    return decrypt(payload, conversationKey(recipient, sender));
  }

  /** Decrypts a base64 payload; checks version, sizes, MAC (constant time) and padding. */
  public static String decrypt(String payload, byte[] conversationKey) {
    if (payload == null || payload.isEmpty()) {
      throw new Nip44Exception(UNKNOWN_VERSION, "payload is empty");
    }
    if (payload.charAt(0) == '#') {
      throw new Nip44Exception(UNKNOWN_VERSION, "unknown encryption version (payload starts #)");
    }
    int plen = payload.length();
    if (plen < 132 || plen > 87472) {
      throw new Nip44Exception(
          INVALID_PAYLOAD_SIZE, "payload must be 132 to 87472 characters, was " + plen);
    }
    if (plen % 4 != 0) {
      throw new Nip44Exception(
          INVALID_BASE64, "payload is not padded base64 (length " + plen + ")");
    }
    byte[] data;
    try {
      data = Base64.getDecoder().decode(payload);
    } catch (IllegalArgumentException e) {
      throw new Nip44Exception(INVALID_BASE64, "payload is not valid base64");
    }
    int dlen = data.length;
    if (dlen < 99 || dlen > 65603) {
      throw new Nip44Exception(
          INVALID_PAYLOAD_SIZE, "decoded payload must be 99 to 65603 bytes, was " + dlen);
    }
    if (data[0] != VERSION) {
      throw new Nip44Exception(
          UNKNOWN_VERSION, "unknown encryption version " + (data[0] & 0xff) + ", expected 2");
    }
    byte[] nonce = Arrays.copyOfRange(data, 1, 33);
    byte[] ciphertext = Arrays.copyOfRange(data, 33, dlen - 32);
    byte[] mac = Arrays.copyOfRange(data, dlen - 32, dlen);
    MessageKeys keys = messageKeys(conversationKey, nonce);
    byte[] expected = Hkdf.hmac(keys.hmacKey(), nonce, ciphertext);
    if (!MessageDigest.isEqual(expected, mac)) {
      throw new Nip44Exception(INVALID_MAC, "invalid MAC (wrong key or tampered payload)");
    }
    byte[] plaintext = unpad(chacha20(keys, ciphertext));
    try {
      return Utf8.decodeStrict(plaintext, "decrypted plaintext");
    } catch (DecodeException e) {
      throw new Nip44Exception(INVALID_PLAINTEXT, e.getMessage());
    }
  }

  static byte[] pad(byte[] unpadded) {
    int len = unpadded.length;
    if (len < MIN_PLAINTEXT_SIZE || len > MAX_PLAINTEXT_SIZE) {
      throw new Nip44Exception(
          INVALID_PLAINTEXT, "plaintext must be 1 to 65535 bytes of UTF-8, was " + len + " bytes");
    }
    int paddedLen = calcPaddedLen(len);
    byte[] out = new byte[2 + paddedLen];
    out[0] = (byte) (len >>> 8);
    out[1] = (byte) len;
    System.arraycopy(unpadded, 0, out, 2, len);
    return out;
  }

  static byte[] unpad(byte[] padded) {
    if (padded.length < 2) {
      throw new Nip44Exception(INVALID_PADDING, "invalid padding: no length prefix");
    }
    int len = ((padded[0] & 0xff) << 8) | (padded[1] & 0xff);
    if (len == 0 || padded.length != 2 + calcPaddedLen(len)) {
      throw new Nip44Exception(
          INVALID_PADDING,
          "invalid padding: length prefix " + len + " does not fit " + padded.length + " bytes");
    }
    return Arrays.copyOfRange(padded, 2, 2 + len);
  }

  private static byte[] chacha20(MessageKeys keys, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("ChaCha20");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(keys.chachaKey(), "ChaCha20"),
          new ChaCha20ParameterSpec(keys.chachaNonce(), 0));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20 is unavailable", e);
    }
  }
}
