package org.hearth.nostr.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.Schnorr;
import org.junit.jupiter.api.Test;

class EventTest {
  private final LocalSigner signer = LocalSigner.generate();

  @Test
  void signedEventRoundTripsAndVerifies() {
    Event e =
        signer.sign(
            EventTemplate.of(
                1, List.of(List.of("e", "ab"), List.of("t", "x")), "hi \"there\"\n\t\\"));
    Event back = Event.fromJson(e.toJson());
    assertThat(back).isEqualTo(e);
    assertThat(back.verify()).isTrue();
  }

  @Test
  void tamperedContentFailsTheIdCheck() {
    Event e = signer.sign(EventTemplate.of(1, List.of(), "hello"));
    Event forged = new Event(e.id(), e.pubkey(), e.createdAt(), 1, e.tags(), "hell0", e.sig());
    assertThatThrownBy(forged::validate).hasMessageContaining("id does not match");
  }

  @Test
  void canonicalEscapesOtherControlCharactersLikeJsonStringify() {
    String c = Event.canonicalJson("aa", 1, 1, List.of(List.of("\u001f")), "a\u0001b\nc\ud800");
    assertThat(c).isEqualTo("[0,\"aa\",1,1,[[\"\\u001f\"]],\"a\\u0001b\\nc\\ud800\"]");
  }

  @Test
  void idsHashedVerbatimAreAcceptedToo() {
    Event e = signer.sign(EventTemplate.of(1, List.of(), "bell\u0007"));
    String verbatim = "[0,\"" + e.pubkey() + "\"," + e.createdAt() + ",1,[],\"bell\u0007\"]";
    String id = Hex.encode(sha256(verbatim));
    assertThat(id).isNotEqualTo(e.id());
    byte[] sig = Schnorr.sign(Hex.decode(id), signer.privateKey());
    Event verbatimEvent =
        new Event(id, e.pubkey(), e.createdAt(), 1, List.of(), "bell\u0007", Hex.encode(sig));
    assertThat(verbatimEvent.hasValidId()).isTrue();
    assertThat(verbatimEvent.verify()).isTrue();
  }

  @Test
  void hashingMatchesTheStringSerializationForAnyText() {
    String[] samples = {
      "", "plain", "\u00e9\u4e2d\ud83d\ude00", "\ud800x", "x\udc00", "\u0000\u001f\u007f", "\"\\/"
    };
    for (String s : samples) {
      List<List<String>> tags = List.of(List.of("t", s), List.of(s));
      byte[] expected = sha256(Event.canonicalJson(signer.publicKey().hex(), 5, 7, tags, s));
      assertThat(Event.computeIdBytes(signer.publicKey().hex(), 5, 7, tags, s)).isEqualTo(expected);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void rejectsWrongTypes() {
    assertThatThrownBy(() -> Event.fromJson("{\"id\":1}"))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("id must be a string");
  }

  @Test
  void kindClasses() {
    assertThat(KindClass.of(0)).isEqualTo(KindClass.REPLACEABLE);
    assertThat(KindClass.of(1)).isEqualTo(KindClass.REGULAR);
    assertThat(KindClass.of(10002)).isEqualTo(KindClass.REPLACEABLE);
    assertThat(KindClass.of(22242)).isEqualTo(KindClass.EPHEMERAL);
    assertThat(KindClass.of(30023)).isEqualTo(KindClass.ADDRESSABLE);
    assertThat(KindClass.of(40000)).isEqualTo(KindClass.REGULAR);
  }
}
