package org.hearth.nostr.client;

/**
 * Something went wrong that the client handled without failing a request. Reported to the {@link
 * IssueListener}; the client never crashes on them.
 */
public sealed interface RelayIssue {

  /** A text frame that is not a valid relay message; {@code frame} is cut to 200 characters. */
  record InvalidFrame(String frame, String reason) implements RelayIssue {}

  /** A message longer than {@code maxFrameSize} characters; it was dropped unread. */
  record OversizedFrame(long length, int limit) implements RelayIssue {}

  /** A binary frame; Nostr speaks text only, so it was dropped. */
  record BinaryFrame(long length) implements RelayIssue {}

  /** An event whose id or signature does not verify; it was dropped. */
  record InvalidEvent(String subscriptionId, String eventId, String reason) implements RelayIssue {}

  /** A message that refers to nothing pending (an OK for an unknown event, EOSE for no REQ). */
  record Unexpected(String what) implements RelayIssue {}

  /** A NIP-01 NOTICE from the relay. */
  record Notice(String message) implements RelayIssue {}

  /** The connection closed or failed unexpectedly; the client reconnects. */
  record ConnectionLost(String reason) implements RelayIssue {}

  /** A subscription's callback queue filled up; the subscription was closed. */
  record Overflow(String subscriptionId, int capacity) implements RelayIssue {}

  /** A user callback threw; the client carried on. */
  record CallbackFailed(String where, Throwable error) implements RelayIssue {}

  /** Eager or reconnect authentication failed (requests that need it fail on their own). */
  record AuthFailed(String reason) implements RelayIssue {}
}
