package org.hearth.nostr.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.crypto.LocalSigner;
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
  void canonicalKeepsOtherControlCharactersVerbatim() {
    String c = Event.canonicalJson("aa", 1, 1, List.of(), "a\u0001b\nc");
    assertThat(c).isEqualTo("[0,\"aa\",1,1,[],\"a\u0001b\\nc\"]");
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
