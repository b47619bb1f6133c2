package org.hearth.nostr.nip59;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/**
 * NIP-17 private direct messages: kind-14 chat messages sent as NIP-59 gift wraps, one per
 * recipient plus one for the sender's own other devices, and the kind-10050 DM relay list.
 */
public final class Nip17 {
  public static final int CHAT_MESSAGE = 14;
  public static final int DM_RELAY_LIST = 10050;

  private Nip17() {}

  /** A recipient of a chat message, with an optional relay hint for its {@code p} tag. */
  public record Recipient(PublicKey pubkey, Optional<String> relay) {
    public Recipient {
      Objects.requireNonNull(pubkey, "pubkey");
      Objects.requireNonNull(relay, "relay");
    }

    public static Recipient of(PublicKey pubkey) {
      return new Recipient(pubkey, Optional.empty());
    }
  }

  /** The kind-14 message this one replies to, with an optional relay hint. */
  public record ReplyTo(String eventId, Optional<String> relay) {}

  /** One gift wrap and the key it is addressed to (publish it to that key's 10050 relays). */
  public record AddressedWrap(PublicKey recipient, Event wrap) {}

  /**
   * The kind-14 rumor: {@code p} tags of all recipients, an optional reply {@code e} tag (marked
   * {@code reply}) and an optional {@code subject}.
   */
  public static Rumor chatMessage(
      PublicKey sender,
      List<Recipient> recipients,
      String content,
      Optional<ReplyTo> replyTo,
      Optional<String> subject,
      long createdAt) {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a chat message needs at least one recipient");
    }
    List<List<String>> tags = new ArrayList<>();
    for (Recipient r : recipients) {
      tags.add(
          r.relay()
              .map(url -> List.of("p", r.pubkey().hex(), url))
              .orElse(List.of("p", r.pubkey().hex())));
    }
    replyTo.ifPresent(r -> tags.add(List.of("e", r.eventId(), r.relay().orElse(""), "reply")));
    subject.ifPresent(s -> tags.add(List.of("subject", s)));
    return Rumor.of(sender, new EventTemplate(CHAT_MESSAGE, tags, content, createdAt));
  }

  /**
   * Gift-wraps {@code message} for every key in its {@code p} tags and once for the sender, each
   * with its own seal and throwaway key.
   */
  public static List<AddressedWrap> wrapForAll(Signer sender, Rumor message) {
    Set<String> keys = new LinkedHashSet<>(message.tagValues("p"));
    keys.add(sender.publicKey().hex());
    List<AddressedWrap> out = new ArrayList<>(keys.size());
    for (String hex : keys) {
      PublicKey recipient = PublicKey.fromHex(hex);
      out.add(new AddressedWrap(recipient, Nip59.giftWrap(sender, message, recipient)));
    }
    return out;
  }

  /** The kind-10050 template listing the relays where one wants to receive DMs. */
  public static EventTemplate dmRelayList(List<String> relays) {
    List<List<String>> tags = relays.stream().map(r -> List.of("relay", r)).toList();
    return EventTemplate.of(DM_RELAY_LIST, tags, "");
  }

  /** The relay URLs of a kind-10050 event, in order; throws {@link DecodeException} for others. */
  public static List<String> parseDmRelayList(Event event) {
    if (event.kind() != DM_RELAY_LIST) {
      throw new DecodeException("expected a kind 10050 DM relay list, got kind " + event.kind());
    }
    return event.tagValues("relay");
  }
}
