package org.hearth.nostr.nip44;

/**
 * The per-message keys NIP-44 v2 derives from a conversation key and a nonce. Arrays are not
 * copied: treat them as read-only.
 *
 * @param chachaKey 32 bytes
 * @param chachaNonce 12 bytes
 * @param hmacKey 32 bytes
 */
public record MessageKeys(byte[] chachaKey, byte[] chachaNonce, byte[] hmacKey) {
  @Override
  public String toString() {
    return "MessageKeys[redacted]";
  }
}
