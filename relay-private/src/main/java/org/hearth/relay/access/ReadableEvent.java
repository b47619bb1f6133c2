package org.hearth.relay.access;

import java.util.List;
import org.hearth.nostr.event.Event;

/**
 * What {@link ReadAccess#canRead} looks at in an event: its author, kind, NIP-40 expiration and
 * {@code p} tags. Live delivery passes a parsed event ({@link #of}); stored REQ and COUNT rows pass
 * their columns ({@link org.hearth.relay.storage.StoredEvent}), which parse the stored JSON only
 * when the rule asks for a {@code p} tag.
 */
public interface ReadableEvent {
  String pubkey();

  int kind();

  /** The NIP-40 expiration (unix seconds), or null when the event carries no well-formed one. */
  Long expiresAt();

  /** True when a {@code p} tag names {@code pubkey}. */
  boolean tags(String pubkey);

  /** A parsed event, its NIP-40 expiration read once (a fan-out asks for it per subscriber). */
  static ReadableEvent of(Event e) {
    return new Parsed(e, ReadAccess.expiration(e).orElse(null));
  }

  /** True when one of {@code tags} is {@code ["p", pubkey, ...]}. */
  static boolean tagged(List<List<String>> tags, String pubkey) {
    for (List<String> tag : tags) {
      if (tag.size() >= 2 && tag.get(0).equals("p") && tag.get(1).equals(pubkey)) {
        return true;
      }
    }
    return false;
  }

  /** A parsed event, as live delivery has it, with its {@code expiresAt} read once. */
  record Parsed(Event event, Long expiresAt) implements ReadableEvent {
    @Override
    public String pubkey() {
      return event.pubkey();
    }

    @Override
    public int kind() {
      return event.kind();
    }

    @Override
    public boolean tags(String pubkey) {
      return tagged(event.tags(), pubkey);
    }
  }
}
