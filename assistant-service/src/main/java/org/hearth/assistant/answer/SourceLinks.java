package org.hearth.assistant.answer;

import org.hearth.assistant.memory.MemoryNote;
import org.hearth.assistant.nostr.Nip19;

/** {@code nostr:nevent1...} links (NIP-21) to the notes an answer used. */
public final class SourceLinks {
  private SourceLinks() {}

  public static String link(MemoryNote note, String relayUrl) {
    return "nostr:" + Nip19.nevent(note.eventId(), relayUrl, note.pubkey());
  }
}
