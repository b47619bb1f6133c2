package org.hearth.nostr.nip59;

import static org.hearth.nostr.nip59.UnwrapException.Reason.INVALID_RUMOR;
import static org.hearth.nostr.nip59.UnwrapException.Reason.INVALID_SEAL;
import static org.hearth.nostr.nip59.UnwrapException.Reason.INVALID_WRAP;
import static org.hearth.nostr.nip59.UnwrapException.Reason.NOT_A_GIFT_WRAP;
import static org.hearth.nostr.nip59.UnwrapException.Reason.UNDECRYPTABLE_SEAL;
import static org.hearth.nostr.nip59.UnwrapException.Reason.UNDECRYPTABLE_WRAP;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/**
 * NIP-59 gift wrapping. A {@link Rumor} is sealed (kind 13, NIP-44 encrypted to the recipient,
 * signed by the real author, no tags) and the seal is wrapped (kind 1059, NIP-44 encrypted by a
 * fresh throwaway key, one {@code p} tag for the recipient). Seal and wrap carry created_at values
 * randomized up to two days into the past so relays cannot correlate them with the message.
 */
public final class Nip59 {
  public static final int SEAL = 13;
  public static final int GIFT_WRAP = 1059;

  /** How far into the past seal and wrap timestamps are randomized: two days, in seconds. */
  public static final long MAX_TIMESTAMP_TWEAK_SECONDS = 2 * 24 * 60 * 60;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Nip59() {}

  /** Seals and wraps {@code rumor} (authored by {@code author}) for {@code recipient}. */
  public static Event giftWrap(Signer author, Rumor rumor, PublicKey recipient) {
    return wrap(seal(author, rumor, recipient), recipient);
  }

  /** The kind-13 seal: the rumor's JSON encrypted to {@code recipient}, signed by the author. */
  public static Event seal(Signer author, Rumor rumor, PublicKey recipient) {
    if (!author.publicKey().hex().equals(rumor.pubkey())) {
      throw new NostrException("the rumor's pubkey must be the sealing author's key");
    }
    String content = author.nip44Encrypt(recipient, rumor.toJson());
    return author.sign(new EventTemplate(SEAL, List.of(), content, randomPast(Clock.systemUTC())));
  }

  /** The kind-1059 wrap of a seal, signed by a fresh throwaway key that is then forgotten. */
  public static Event wrap(Event seal, PublicKey recipient) {
    LocalSigner throwaway = LocalSigner.generate();
    String content = throwaway.nip44Encrypt(recipient, seal.toJson());
    return throwaway.sign(
        new EventTemplate(
            GIFT_WRAP,
            List.of(List.of("p", recipient.hex())),
            content,
            randomPast(Clock.systemUTC())));
  }

  /**
   * Opens a gift wrap addressed to {@code recipient}: checks the wrap's id and signature, decrypts
   * the seal, checks its kind, id and signature, decrypts the rumor, checks its id and that its
   * pubkey is the seal's signer. Every failure is an {@link UnwrapException} (a {@link
   * ForgedSenderException} for a rumor that claims another author).
   */
  public static Unwrapped unwrap(Event wrap, Signer recipient) {
    if (wrap.kind() != GIFT_WRAP) {
      throw new UnwrapException(NOT_A_GIFT_WRAP, "expected kind 1059, got kind " + wrap.kind());
    }
    check(wrap, INVALID_WRAP, "gift wrap");
    String sealJson = decrypt(recipient, wrap, UNDECRYPTABLE_WRAP, "gift wrap");
    Event seal;
    try {
      seal = Event.fromJson(sealJson);
    } catch (NostrException e) {
      throw new UnwrapException(INVALID_SEAL, "seal is not an event: " + e.getMessage(), e);
    }
    if (seal.kind() != SEAL) {
      throw new UnwrapException(INVALID_SEAL, "expected a kind 13 seal, got kind " + seal.kind());
    }
    check(seal, INVALID_SEAL, "seal");
    String rumorJson = decrypt(recipient, seal, UNDECRYPTABLE_SEAL, "seal");
    Rumor rumor;
    try {
      rumor = Rumor.fromJson(rumorJson);
    } catch (NostrException e) {
      throw new UnwrapException(INVALID_RUMOR, "invalid rumor: " + e.getMessage(), e);
    }
    if (!rumor.pubkey().equals(seal.pubkey())) {
      throw new ForgedSenderException(rumor.pubkey(), seal.pubkey());
    }
    return new Unwrapped(rumor, PublicKey.fromHex(seal.pubkey()), seal);
  }

  private static void check(Event e, UnwrapException.Reason reason, String what) {
    try {
      e.validate();
    } catch (NostrException ex) {
      throw new UnwrapException(reason, what + " is invalid: " + ex.getMessage(), ex);
    }
  }

  private static String decrypt(
      Signer recipient, Event e, UnwrapException.Reason reason, String what) {
    try {
      return recipient.nip44Decrypt(PublicKey.fromHex(e.pubkey()), e.content());
    } catch (NostrException ex) {
      throw new UnwrapException(reason, what + " does not decrypt: " + ex.getMessage(), ex);
    }
  }

  /** A unix time uniformly in [now - 2 days, now]. */
  static long randomPast(Clock clock) {
    long now = clock.instant().getEpochSecond();
    return now - RANDOM.nextLong(MAX_TIMESTAMP_TWEAK_SECONDS + 1);
  }
}
