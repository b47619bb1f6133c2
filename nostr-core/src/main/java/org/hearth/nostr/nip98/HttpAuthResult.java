package org.hearth.nostr.nip98;

import org.hearth.nostr.crypto.PublicKey;

/** The outcome of checking a NIP-98 {@code Authorization: Nostr ...} header. */
public sealed interface HttpAuthResult {
  /**
   * The request is authorized by {@code pubkey}.
   *
   * @param eventId the auth event's id
   * @param sig the auth event's signature: keep it in a seen-set for the verifier's window and
   *     refuse a second request carrying the same one (replay protection, {@link ReplayGuard}); the
   *     same request signed again within one second has the same id but another signature
   * @param createdAt the event's unix time in seconds (a seen-set can drop entries older than the
   *     window)
   */
  record Ok(PublicKey pubkey, String eventId, String sig, long createdAt)
      implements HttpAuthResult {}

  /** The request is refused; {@code message} is fit for a 401 response body. */
  record Failed(Reason reason, String message) implements HttpAuthResult {}

  /** Why a NIP-98 header was refused. */
  enum Reason {
    MISSING_HEADER,
    MALFORMED_HEADER,
    INVALID_EVENT,
    WRONG_KIND,
    URL_MISMATCH,
    METHOD_MISMATCH,
    PAYLOAD_MISMATCH,
    OUTSIDE_TIME_WINDOW
  }

  default boolean ok() {
    return this instanceof Ok;
  }
}
