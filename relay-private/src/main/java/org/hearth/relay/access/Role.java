package org.hearth.relay.access;

import java.util.Locale;

/** What a key is on one relay. Kinds readable/writable may be narrowed per grant. */
public enum Role {
  /** Owns the relay: full read/write, administers it. */
  OWNER(true, true, true),
  /** Administers membership: full read/write. */
  ADMIN(true, true, true),
  /** A household member: reads and writes. */
  MEMBER(true, true, false),
  /** Reads only. */
  READER(true, false, false),
  /** An assistant or other Hearth service key: reads and writes (narrowed by its grant). */
  SERVICE(true, true, false);

  private final boolean reads;
  private final boolean writes;
  private final boolean administers;

  Role(boolean reads, boolean writes, boolean administers) {
    this.reads = reads;
    this.writes = writes;
    this.administers = administers;
  }

  public boolean reads() {
    return reads;
  }

  public boolean writes() {
    return writes;
  }

  public boolean administers() {
    return administers;
  }

  /** The name stored in PostgreSQL and used in configuration. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
