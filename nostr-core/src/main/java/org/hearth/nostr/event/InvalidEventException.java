package org.hearth.nostr.event;

import org.hearth.nostr.NostrException;

/**
 * An event whose shape, id or signature is wrong. The message is fit for an {@code invalid:} OK.
 */
public class InvalidEventException extends NostrException {
  public InvalidEventException(String message) {
    super(message);
  }
}
