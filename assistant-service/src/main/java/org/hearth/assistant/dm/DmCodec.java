package org.hearth.assistant.dm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip59.Nip17;
import org.hearth.nostr.nip59.Nip59;
import org.hearth.nostr.nip59.Rumor;
import org.hearth.nostr.nip59.UnwrapException;
import org.hearth.nostr.nip59.Unwrapped;

/** Opens incoming DMs (NIP-17 gift wraps, NIP-04) and writes replies in the same standard. */
public final class DmCodec {
  public static final int KIND_NIP04 = 4;

  /** Largest event content accepted before decrypting (NIP-44 caps plaintext at 64 KiB). */
  public static final int MAX_CONTENT_CHARS = 200_000;

  private DmCodec() {}

  public static Decoded open(Event e, Signer self) {
    if (e.content().length() > MAX_CONTENT_CHARS) {
      return new Decoded.Dropped("oversized content (" + e.content().length() + " chars)");
    }
    if (!e.tagValues("p").contains(self.publicKey().hex())) {
      return new Decoded.Dropped("not addressed to this assistant");
    }
    return switch (e.kind()) {
      case Nip59.GIFT_WRAP -> openGiftWrap(e, self);
      case KIND_NIP04 -> openNip04(e, self);
      default -> new Decoded.Dropped("kind " + e.kind() + " is not a DM");
    };
  }

  private static Decoded openGiftWrap(Event wrap, Signer self) {
    Unwrapped u;
    try {
      u = Nip59.unwrap(wrap, self);
    } catch (UnwrapException ex) {
      return new Decoded.Dropped(
          "gift wrap rejected: " + ex.getClass().getSimpleName() + " " + ex.reason());
    } catch (NostrException | IllegalArgumentException ex) {
      return new Decoded.Dropped("gift wrap rejected: " + ex.getClass().getSimpleName());
    }
    Rumor r = u.rumor();
    if (r.kind() != Nip17.CHAT_MESSAGE) {
      return new Decoded.Dropped("sealed kind " + r.kind() + " is not a chat message");
    }
    if (u.sender().equals(self.publicKey())) {
      return new Decoded.Dropped("own message");
    }
    if (!r.tagValues("p").contains(self.publicKey().hex())) {
      // A copy of a conversation the assistant is not part of (e.g. the sender's own copy).
      return new Decoded.Dropped("chat message not addressed to this assistant");
    }
    return new Decoded.Message(new IncomingDm(DmProtocol.NIP17, r.id(), u.sender(), r.content()));
  }

  private static Decoded openNip04(Event e, Signer self) {
    if (!e.verify()) {
      return new Decoded.Dropped("NIP-04 event with a bad id or signature");
    }
    if (e.pubkey().equals(self.publicKey().hex())) {
      return new Decoded.Dropped("own message");
    }
    PublicKey sender = PublicKey.fromHex(e.pubkey());
    try {
      String text = self.nip04Decrypt(sender, e.content());
      return new Decoded.Message(new IncomingDm(DmProtocol.NIP04, e.id(), sender, text));
    } catch (NostrException | IllegalArgumentException ex) {
      return new Decoded.Dropped(
          "NIP-04 payload does not decrypt: " + ex.getClass().getSimpleName());
    }
  }

  /** The events carrying {@code parts} to {@code to}, in the protocol of {@code original}. */
  public static List<Event> reply(
      IncomingDm original, Signer self, List<String> parts, long createdAt) {
    List<Event> out = new ArrayList<>(parts.size());
    PublicKey to = original.sender();
    for (int i = 0; i < parts.size(); i++) {
      // Parts get increasing timestamps so clients show them in order.
      long at = createdAt + i;
      out.add(
          switch (original.protocol()) {
            case NIP17 ->
                Nip59.giftWrap(
                    self,
                    Nip17.chatMessage(
                        self.publicKey(),
                        List.of(Nip17.Recipient.of(to)),
                        parts.get(i),
                        Optional.of(new Nip17.ReplyTo(original.messageId(), Optional.empty())),
                        Optional.empty(),
                        at),
                    to);
            case NIP04 ->
                self.sign(
                    new EventTemplate(
                        KIND_NIP04,
                        List.of(List.of("p", to.hex()), List.of("e", original.messageId())),
                        self.nip04Encrypt(to, parts.get(i)),
                        at));
          });
    }
    return out;
  }
}
