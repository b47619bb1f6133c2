package org.hearth.relay.admin;

/** The per-relay lists NIP-86 manages (stored in {@code admin_list.list}). */
public enum AdminList {
  BANNED_PUBKEY,
  BANNED_EVENT,
  /** Events an admin reviewed and kept: no longer listed as needing moderation. */
  ALLOWED_EVENT,
  /** When non-empty, the only kinds the relay accepts. */
  ALLOWED_KIND,
  /** Kinds the relay refuses whatever the allowed list says. */
  DISALLOWED_KIND,
  BLOCKED_IP;

  String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
