package org.hearth.assistant.dm;

/** What the assistant did with one incoming event. */
public enum DmOutcome {
  /** A member's message was answered. */
  ANSWERED,
  /** A non-member got the polite refusal. */
  REFUSED,
  /** A non-member already refused recently: no reply. */
  SILENCED,
  /** Already answered (or being answered): no second reply. */
  DUPLICATE,
  /** Unreadable, forged, oversized or not a DM: dropped. */
  DROPPED,
  /** The member sent too many messages this minute: dropped. */
  RATE_LIMITED,
  /** The reply could not be published; the message will be answered when redelivered. */
  PUBLISH_FAILED
}
