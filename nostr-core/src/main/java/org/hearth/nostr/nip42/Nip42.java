package org.hearth.nostr.nip42;

import java.util.List;
import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/** NIP-42 client authentication: the kind-22242 event a client signs in answer to a challenge. */
public final class Nip42 {
  public static final int AUTH_KIND = 22242;

  private Nip42() {}

  /** The unsigned AUTH event for {@code relayUrl} and {@code challenge}, stamped now. */
  public static EventTemplate authTemplate(String relayUrl, String challenge) {
    return EventTemplate.of(
        AUTH_KIND, List.of(List.of("relay", relayUrl), List.of("challenge", challenge)), "");
  }

  /** The signed AUTH event. */
  public static Event authEvent(Signer signer, String relayUrl, String challenge) {
    return signer.sign(authTemplate(relayUrl, challenge));
  }
}
