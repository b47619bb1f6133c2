package org.hearth.relay.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
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
    Map<String, String> why =
        Map.of(
            "[]", "JSON object",
            "{\"instance\":\"a\",\"relay\":\"family\"}", "needs instance, relay and event",
            "{\"instance\":1}", "instance must be a string",
            "{\"event\":\"x\"}", "event must be an object",
            "{\"instance\":", "malformed");
    why.forEach(
        (json, reason) ->
            assertThatThrownBy(() -> BrokerEnvelope.fromJson(json))
                .as(json)
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(reason));
  }
}
