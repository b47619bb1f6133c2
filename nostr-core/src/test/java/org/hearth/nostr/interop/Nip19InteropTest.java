package org.hearth.nostr.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.nostr.interop.NipsNode.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.nip19.Nip19;
import org.hearth.nostr.nip19.Nip19Entity;
import org.hearth.nostr.nip19.Nip19Entity.Naddr;
import org.hearth.nostr.nip19.Nip19Entity.Nevent;
import org.hearth.nostr.nip19.Nip19Entity.Note;
import org.hearth.nostr.nip19.Nip19Entity.Nprofile;
import org.hearth.nostr.nip19.Nip19Entity.Npub;
import org.hearth.nostr.nip19.Nip19Entity.Nsec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every NIP-19 type: Java encodes, nostr-tools decodes, and the other way round. */
class Nip19InteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static NipsNode node;

  @BeforeAll
  static void start() {
    node = NipsNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static String randomId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Hex.encode(b);
  }

  private static List<String> relays(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("wss://relay" + i + ".example.com/" + "p".repeat(RANDOM.nextInt(40)));
    }
    return out;
  }

  /** A batch of entities of every type, including long TLV strings and non-ASCII identifiers. */
  private static List<Nip19Entity> samples() {
    List<Nip19Entity> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      PublicKey pk = PrivateKey.generate().publicKey();
      out.add(new Npub(pk));
      out.add(new Nsec(PrivateKey.generate()));
      out.add(new Note(randomId()));
      out.add(new Nprofile(pk, relays(i)));
      out.add(new Nevent(randomId(), relays(i), Optional.of(pk), Optional.of(i * 7000)));
      out.add(new Nevent(randomId(), relays(i), Optional.empty(), Optional.empty()));
      out.add(new Naddr(i == 0 ? "" : "article-" + i + " ✓ ünï", pk, 30000 + i, relays(i)));
    }
    return out;
  }

  private static ObjectNode toNode(Nip19Entity e) {
    ObjectNode r = request("nip19Encode");
    switch (e) {
      case Npub n -> r.put("type", "npub").put("data", n.pubkey().hex());
      case Nsec n -> r.put("type", "nsec").put("data", n.key().hex());
      case Note n -> r.put("type", "note").put("data", n.eventId());
      case Nprofile n -> {
        ObjectNode d = r.put("type", "nprofile").putObject("data");
        d.put("pubkey", n.pubkey().hex());
        relays(d, n.relays());
      }
      case Nevent n -> {
        ObjectNode d = r.put("type", "nevent").putObject("data");
        d.put("id", n.eventId());
        relays(d, n.relays());
        n.author().ifPresent(a -> d.put("author", a.hex()));
        n.kind().ifPresent(k -> d.put("kind", k));
      }
      case Naddr n -> {
        ObjectNode d = r.put("type", "naddr").putObject("data");
        d.put("identifier", n.identifier()).put("pubkey", n.author().hex()).put("kind", n.kind());
        relays(d, n.relays());
      }
    }
    return r;
  }

  private static void relays(ObjectNode d, List<String> relays) {
    ArrayNode a = d.putArray("relays");
    relays.forEach(a::add);
  }

  @Test
  void javaStringsAreReadByNostrTools() {
    for (Nip19Entity e : samples()) {
      JsonNode decoded = node.call(request("nip19Decode").put("s", e.encode()));
      ObjectNode expected = toNode(e);
      assertThat(decoded.get("type").asText()).isEqualTo(expected.get("type").asText());
      JsonNode want = expected.get("data");
      JsonNode got = decoded.get("data");
      if (e instanceof Nevent || e instanceof Nprofile || e instanceof Naddr) {
        // nostr-tools always returns a relays array and omits absent author/kind.
        assertThat(got).as(e.encode()).isEqualTo(want);
      } else {
        assertThat(got.asText()).isEqualTo(want.asText());
      }
    }
  }

  @Test
  void nostrToolsStringsAreReadByJava() {
    for (Nip19Entity e : samples()) {
      String fromNode = node.call(toNode(e)).asText();
      assertThat(Nip19.decode(fromNode)).as(fromNode).isEqualTo(e);
      // TLV order differs (nostr-tools writes types in reverse order), both are valid.
      assertThat(Nip19.decode(e.encode())).isEqualTo(Nip19.decode(fromNode));
    }
  }
}
