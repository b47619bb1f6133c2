package org.hearth.assistant.dm;

/** The DM standard a message arrived in; the reply uses the same one. */
public enum DmProtocol {
  /** NIP-17 chat message (kind 14) in a NIP-59 seal and gift wrap (1059 -> 13 -> 14). */
  NIP17,
  /** NIP-04 legacy encrypted DM (kind 4). */
  NIP04
}
