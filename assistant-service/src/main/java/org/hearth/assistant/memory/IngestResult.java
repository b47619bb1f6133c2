package org.hearth.assistant.memory;

/** What happened to an event offered to memory. */
public enum IngestResult {
  /** Stored (or replaced an older version of the same address). */
  STORED,
  /** Already in memory, or a newer version of its address is. */
  UNCHANGED,
  /** A deletion request: matching notes were removed and later copies will be refused. */
  DELETION_APPLIED,
  /** Deleted earlier by its author: not remembered. */
  DELETED,
  /** Its NIP-40 expiration has passed: not remembered (and removed if it was). */
  EXPIRED,
  /** A kind this assistant does not follow. */
  NOT_FOLLOWED,
  /** Bad id or signature, or no text: ignored. */
  INVALID
}
