package org.hearth.relay.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hearth.nostr.DecodeException;
import org.hearth.nostr.event.Event;
import org.hearth.relay.support.TestKeys;
import org.junit.jupiter.api.Test;

class BrokerEnvelopeTest {
  private final Event event =
      TestKeys.event(TestKeys.ALICE, 4, "line\n\"quoted\" é", "p", TestKeys.hex(TestKeys.BOB));

  @Test
  void roundTripsTheEventUnchanged() {
    BrokerEnvelope m = new BrokerEnvelope("replica-\"a\"", "family", event);
    BrokerEnvelope back = BrokerEnvelope.fromJson(m.toJson());
    assertThat(back).isEqualTo(m);
    assertThat(back.event().verify()).isTrue();
  }

  @Test
  void ignoresUnknownFields() {
    String json =
        "{\"v\":[1,{\"x\":2}],\"instance\":\"b\",\"relay\":\"work\",\"event\":"
            + event.toJson()
            + "}";
    assertThat(BrokerEnvelope.fromJson(json).relay()).isEqualTo("work");
  }

  @Test
  void rejectsMalformedMessagesWithAReason() {
    assertThatThrownBy(() -> BrokerEnvelope.fromJson("[]"))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> BrokerEnvelope.fromJson("{\"instance\":\"a\",\"relay\":\"family\"}"))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("needs instance, relay and event");
    assertThatThrownBy(() -> BrokerEnvelope.fromJson("{\"instance\":1}"))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("instance must be a string");
    assertThatThrownBy(() -> BrokerEnvelope.fromJson("{\"event\":\"x\"}"))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("event must be an object");
    assertThatThrownBy(() -> BrokerEnvelope.fromJson("{\"instance\":"))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("malformed");
  }
}
