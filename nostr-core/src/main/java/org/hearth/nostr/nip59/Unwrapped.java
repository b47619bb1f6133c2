package org.hearth.nostr.nip59;

import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;

/**
 * An opened gift wrap.
 *
 * @param rumor the message itself
 * @param sender the real author: the seal's signer, equal to the rumor's pubkey
 * @param seal the kind-13 seal (its created_at is randomized, the rumor's is real)
 */
public record Unwrapped(Rumor rumor, PublicKey sender, Event seal) {}
