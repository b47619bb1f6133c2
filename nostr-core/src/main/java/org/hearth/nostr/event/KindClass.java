package org.hearth.nostr.event;

/** NIP-01 kind ranges: how a relay stores an event of a kind. */
public enum KindClass {
  /** Stored, every event kept. */
  REGULAR,
  /** 0, 3, 10000–19999: only the newest per (pubkey, kind) is kept. */
  REPLACEABLE,
  /** 20000–29999: delivered, never stored. */
  EPHEMERAL,
  /** 30000–39999: only the newest per (pubkey, kind, d tag) is kept. */
  ADDRESSABLE;

  public static KindClass of(int kind) {
    if (kind == 0 || kind == 3 || (kind >= 10000 && kind < 20000)) {
      return REPLACEABLE;
    }
    if (kind >= 20000 && kind < 30000) {
      return EPHEMERAL;
    }
    if (kind >= 30000 && kind < 40000) {
      return ADDRESSABLE;
    }
    return REGULAR;
  }
}
