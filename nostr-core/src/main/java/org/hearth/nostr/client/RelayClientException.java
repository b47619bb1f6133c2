package org.hearth.nostr.client;

import org.hearth.nostr.NostrException;

/**
 * Root of what the relay client fails with. Protocol rejections (an OK with {@code accepted=false})
 * are values, not exceptions; these say that no answer could be obtained.
 */
public class RelayClientException extends NostrException {
  public RelayClientException(String message) {
    super(message);
  }

  public RelayClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
