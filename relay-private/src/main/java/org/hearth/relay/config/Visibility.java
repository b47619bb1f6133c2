package org.hearth.relay.config;

/** Who may read events of a kind, among the keys that hold a read right on the relay. */
public enum Visibility {
  /** Only the event's author. */
  AUTHOR,
  /** The author and every key named in a {@code p} tag. */
  PARTIES,
  /** Every key with a read right. */
  MEMBERS
}
