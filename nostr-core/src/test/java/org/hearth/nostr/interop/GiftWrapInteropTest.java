package org.hearth.nostr.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearth.nostr.interop.NipsNode.JSON;
import static org.hearth.nostr.interop.NipsNode.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip59.ForgedSenderException;
import org.hearth.nostr.nip59.Nip17;
import org.hearth.nostr.nip59.Nip59;
import org.hearth.nostr.nip59.Rumor;
import org.hearth.nostr.nip59.Unwrapped;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NIP-17 gift-wrapped DMs between Hearth and nostr-tools (nip17 / nip59), both ways. */
class GiftWrapInteropTest {
  private static NipsNode node;
  private final LocalSigner alice = LocalSigner.generate();
  private final LocalSigner bob = LocalSigner.generate();
  private final LocalSigner carol = LocalSigner.generate();

  @BeforeAll
  static void start() {
    node = NipsNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void nostrToolsWrapsAreOpenedByJava() throws Exception {
    ObjectNode req =
        request("nip17WrapMany")
            .put("sk", alice.privateKey().hex())
            .put("message", "dinner at 8? ✓")
            .put("subject", "family");
    req.putArray("recipients")
        .add(JSON.createObjectNode().put("publicKey", bob.publicKey().hex()))
        .add(
            JSON.createObjectNode()
                .put("publicKey", carol.publicKey().hex())
                .put("relayUrl", "wss://carol.example"));
    req.putObject("replyTo").put("eventId", "ab".repeat(32)).put("relayUrl", "wss://r.example");
    JsonNode wraps = node.call(req);
    assertThat(wraps).hasSize(3); // sender copy + two recipients
    Map<String, LocalSigner> byKey =
        Map.of(
            alice.publicKey().hex(), alice,
            bob.publicKey().hex(), bob,
            carol.publicKey().hex(), carol);
    for (JsonNode w : wraps) {
      Event wrap = Event.fromJson(JSON.writeValueAsString(w));
      LocalSigner reader = byKey.get(wrap.firstTagValue("p").orElseThrow());
      Unwrapped u = Nip59.unwrap(wrap, reader);
      assertThat(u.sender()).isEqualTo(alice.publicKey());
      assertThat(u.rumor().kind()).isEqualTo(14);
      assertThat(u.rumor().content()).isEqualTo("dinner at 8? ✓");
      // nostr-tools builds one rumor per recipient, tagging only that recipient.
      assertThat(u.rumor().tagValues("p")).containsExactly(reader.publicKey().hex());
      assertThat(u.rumor().tags())
          .contains(
              List.of("e", "ab".repeat(32), "wss://r.example", "reply"),
              List.of("subject", "family"));
    }
  }

  @Test
  void nostrToolsNip59WrapEventIsOpenedByJava() throws Exception {
    ObjectNode req =
        request("nip59Wrap").put("sk", alice.privateKey().hex()).put("pk", bob.publicKey().hex());
    ObjectNode event =
        req.putObject("event").put("kind", 1).put("content", "a plain note, wrapped");
    event.put("created_at", 1_700_000_123L).putArray("tags").addArray().add("t").add("hearth");
    Event wrap = Event.fromJson(JSON.writeValueAsString(node.call(req)));
    assertThat(wrap.kind()).isEqualTo(1059);
    Unwrapped u = Nip59.unwrap(wrap, bob);
    assertThat(u.sender()).isEqualTo(alice.publicKey());
    assertThat(u.rumor().kind()).isEqualTo(1);
    assertThat(u.rumor().createdAt()).isEqualTo(1_700_000_123L);
    assertThat(u.rumor().tags()).containsExactly(List.of("t", "hearth"));
    assertThat(u.rumor().content()).isEqualTo("a plain note, wrapped");
    assertThatThrownBy(() -> Nip59.unwrap(wrap, carol))
        .isInstanceOf(org.hearth.nostr.nip59.UnwrapException.class);
  }

  @Test
  void javaWrapsAreOpenedByNostrTools() throws Exception {
    Rumor message =
        Nip17.chatMessage(
            alice.publicKey(),
            List.of(Nip17.Recipient.of(bob.publicKey()), Nip17.Recipient.of(carol.publicKey())),
            "from Hearth \"quoted\" \n 🦄",
            Optional.empty(),
            Optional.of("plans"),
            Instant.now().getEpochSecond());
    List<Nip17.AddressedWrap> wraps = Nip17.wrapForAll(alice, message);
    Map<String, LocalSigner> byKey =
        Map.of(
            alice.publicKey().hex(), alice,
            bob.publicKey().hex(), bob,
            carol.publicKey().hex(), carol);
    for (Nip17.AddressedWrap w : wraps) {
      JsonNode wrapJson = JSON.readTree(w.wrap().toJson());
      assertThat(node.call(request("verifyEvent").set("event", wrapJson)).asBoolean()).isTrue();
      ObjectNode req =
          request("nip59Unwrap").put("sk", byKey.get(w.recipient().hex()).privateKey().hex());
      req.set("wrap", wrapJson);
      JsonNode rumor = node.call(req).get("rumor");
      assertThat(rumor.get("id").asText()).isEqualTo(message.id());
      assertThat(rumor.get("pubkey").asText()).isEqualTo(alice.publicKey().hex());
      assertThat(rumor.get("content").asText()).isEqualTo(message.content());
      assertThat(rumor.has("sig")).isFalse();
    }
  }

  @Test
  void forgedRumorWrappedByNostrToolsIsCaught() throws Exception {
    // nostr-tools' wrapEvent sets the rumor pubkey itself, so forge the seal by hand here and let
    // nostr-tools refuse it as well.
    Rumor claimsBob =
        Rumor.of(
            bob.publicKey(),
            EventTemplate.of(14, List.of(List.of("p", carol.publicKey().hex())), "hi"));
    String content = alice.nip44Encrypt(carol.publicKey(), claimsBob.toJson());
    Event seal = alice.sign(new EventTemplate(13, List.of(), content, 1_700_000_000L));
    Event wrap = Nip59.wrap(seal, carol.publicKey());
    assertThatThrownBy(() -> Nip59.unwrap(wrap, carol)).isInstanceOf(ForgedSenderException.class);
    ObjectNode req = request("nip59Unwrap").put("sk", carol.privateKey().hex());
    req.set("wrap", JSON.readTree(wrap.toJson()));
    assertThatThrownBy(() -> node.call(req))
        .isInstanceOf(NipsNode.NodeError.class)
        .hasMessageContaining("does not match seal pubkey");
  }
}
