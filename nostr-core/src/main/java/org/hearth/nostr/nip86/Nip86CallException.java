package org.hearth.nostr.nip86;

import org.hearth.nostr.NostrException;

/** A NIP-86 call that did not succeed; {@link #reason()} says at which stage. */
public class Nip86CallException extends NostrException {
  /** Why a call failed. */
  public enum Reason {
    /** The relay could not be reached or the connection broke. */
    UNREACHABLE,
    /** No answer within the timeout. */
    TIMEOUT,
    /** HTTP 401: the relay refused the NIP-98 authorization. */
    UNAUTHORIZED,
    /** Another non-200 HTTP status. */
    HTTP_STATUS,
    /** The answer is not a NIP-86 response. */
    BAD_RESPONSE,
    /** The relay answered with an {@code error}. */
    REFUSED
  }

  private final Reason reason;
  private final int status;

  public Nip86CallException(Reason reason, int status, String message) {
    super(message);
    this.reason = reason;
    this.status = status;
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status, 0 when there was no answer. */
  public int status() {
    return status;
  }
}
