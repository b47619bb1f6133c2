package org.hearth.nostr.nip04;

import java.util.Base64;
import nostr.crypto.nip04.EncryptedDirectMessage;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;

/**
 * NIP-04 legacy direct-message encryption: AES-256-CBC keyed by the unhashed ECDH x-coordinate,
 * written as {@code base64(ciphertext) + "?iv=" + base64(iv)}. Deprecated by NIP-17 but still what
 * many clients send. The cipher itself is nostr-java's {@link EncryptedDirectMessage} (checked
 * against nostr-tools in the interop tests); this class validates the payload shape first and turns
 * every failure into a {@link Nip04Exception}.
 */
public final class Nip04 {
  private static final String IV_SEPARATOR = "?iv=";

  /** Upper bound on the payload we try to decrypt (a 64 KiB message plus base64 overhead). */
  public static final int MAX_PAYLOAD_LENGTH = 128 * 1024;

  private Nip04() {}

  public static String encrypt(String plaintext, PrivateKey sender, PublicKey recipient) {
    if (plaintext == null) {
      throw new Nip04Exception("plaintext is null");
    }
    try {
      return EncryptedDirectMessage.encrypt(plaintext, sender.bytes(), recipient.bytes());
    } catch (Exception e) {
      throw new Nip04Exception("encryption failed: " + e.getClass().getSimpleName());
    }
  }

  public static String decrypt(String payload, PrivateKey recipient, PublicKey sender) {
    checkShape(payload);
    try {
      return EncryptedDirectMessage.decryptMessage(recipient.bytes(), payload, sender.bytes());
    } catch (javax.crypto.BadPaddingException e) {
      throw new Nip04Exception("does not decrypt (wrong key or corrupted ciphertext)");
    } catch (Exception e) {
      throw new Nip04Exception("decryption failed: " + e.getClass().getSimpleName());
    }
  }

  /** Checks {@code base64?iv=base64} with a 16-byte IV and whole AES blocks. */
  static void checkShape(String payload) {
    if (payload == null || payload.isEmpty()) {
      throw new Nip04Exception("payload is empty");
    }
    if (payload.length() > MAX_PAYLOAD_LENGTH) {
      throw new Nip04Exception("payload is longer than " + MAX_PAYLOAD_LENGTH + " characters");
    }
    int at = payload.indexOf(IV_SEPARATOR);
    if (at < 0 || payload.indexOf(IV_SEPARATOR, at + 1) >= 0) {
      throw new Nip04Exception("payload must be base64?iv=base64");
    }
    byte[] ciphertext = base64(payload.substring(0, at), "ciphertext");
    byte[] iv = base64(payload.substring(at + IV_SEPARATOR.length()), "iv");
    if (iv.length != 16) {
      throw new Nip04Exception("iv must be 16 bytes, was " + iv.length);
    }
    if (ciphertext.length == 0 || ciphertext.length % 16 != 0) {
      throw new Nip04Exception(
          "ciphertext must be a non-empty multiple of 16 bytes, was " + ciphertext.length);
    }
  }

  private static byte[] base64(String s, String what) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new Nip04Exception(what + " is not valid base64");
    }
  }
}
