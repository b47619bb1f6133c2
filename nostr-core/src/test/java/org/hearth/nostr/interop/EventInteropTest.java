package org.hearth.nostr.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventJson;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.testkit.NodeScript;
import org.junit.jupiter.api.Test;

/** Events cross between nostr-tools (finalizeEvent, verifyEvent, getEventHash) and nostr-core. */
class EventInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Text that serializers disagree on when they are careless. */
  static final List<String> NASTY =
      List.of(
          "",
          "hello",
          "quotes \" and 'single' and backslash \\ and slash /",
          "line\nbreak\r\ncarriage\ttab\bbackspace\fformfeed",
          "controls \u0000\u0001\u0007\u000b\u000e\u001b\u001f and DEL \u007f",
          "unicode \u00e9\u00df\u4e2d\u6587 \u0410\u0411 \u05d0 \u0627",
          "emoji \ud83d\ude00\ud83e\udd84\ud83c\udff3\ufe0f\u200d\ud83c\udf08 flags \ud83c\uddfa\ud83c\uddf8",
          "separators \u2028\u2029 bom \ufeff nbsp \u00a0 zwj \u200d",
          "lone surrogates \ud800 and \udc00 reversed \udc00\ud800",
          "json-ish {\"a\":[1,2]} \\u0041 \\n",
          "long ".repeat(2000));

  private static List<List<String>> tagsFor(String s) {
    return List.of(
        List.of("t", s), List.of("e", "ab".repeat(32), "wss://r\u00e9lay", s), List.of(s));
  }

  private static String quoted(String s) {
    StringBuilder sb = new StringBuilder();
    EventJson.quote(sb, s, true);
    return sb.toString();
  }

  @Test
  void eventsMadeByNostrToolsValidateInJava() throws Exception {
    StringBuilder items = new StringBuilder("{\"op\":\"sign\",\"items\":[");
    for (int i = 0; i < NASTY.size(); i++) {
      String s = NASTY.get(i);
      if (i > 0) {
        items.append(',');
      }
      items
          .append("{\"kind\":")
          .append(i * 3000)
          .append(",\"created_at\":")
          .append(1_700_000_000 + i);
      items.append(",\"content\":").append(quoted(s)).append(",\"tags\":[");
      List<List<String>> tags = tagsFor(s);
      for (int t = 0; t < tags.size(); t++) {
        items.append(t > 0 ? ",[" : "[");
        for (int v = 0; v < tags.get(t).size(); v++) {
          items.append(v > 0 ? "," : "").append(quoted(tags.get(t).get(v)));
        }
        items.append(']');
      }
      items.append("]}");
    }
    items.append("]}");
    JsonNode events = JSON.readTree(NodeScript.exchange("core-events.mjs", items.toString()));
    assertThat(events).hasSize(NASTY.size());
    for (int i = 0; i < NASTY.size(); i++) {
      Event e = Event.fromJson(JSON.writeValueAsString(events.get(i)));
      assertThat(e.content()).isEqualTo(NASTY.get(i));
      assertThat(e.tags()).isEqualTo(tagsFor(NASTY.get(i)));
      assertThat(e.kind()).isEqualTo(i * 3000);
      assertThat(e.validate()).as("event %d (%s)", i, e.id()).isSameAs(e);
      assertThat(Event.computeId(e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content()))
          .isEqualTo(e.id());
    }
  }

  @Test
  void eventsSignedInJavaPassVerifyEventWithTheSameId() throws Exception {
    LocalSigner signer = LocalSigner.generate();
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < NASTY.size(); i++) {
      String s = NASTY.get(i);
      events.add(signer.sign(new EventTemplate(i * 3001, tagsFor(s), s, 1_600_000_000L + i)));
    }
    Event tampered = events.get(1);
    events.add(
        new Event(
            tampered.id(),
            tampered.pubkey(),
            tampered.createdAt(),
            tampered.kind(),
            tampered.tags(),
            "tampered",
            tampered.sig()));
    StringBuilder req = new StringBuilder("{\"op\":\"verify\",\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      req.append(i > 0 ? "," : "").append(events.get(i).toJson());
    }
    req.append("]}");
    JsonNode results = JSON.readTree(NodeScript.exchange("core-events.mjs", req.toString()));
    for (int i = 0; i < NASTY.size(); i++) {
      assertThat(results.get(i).get("valid").asBoolean()).as("verifyEvent #%d", i).isTrue();
      assertThat(results.get(i).get("hash").asText()).isEqualTo(events.get(i).id());
    }
    JsonNode last = results.get(NASTY.size());
    assertThat(last.get("valid").asBoolean()).as("nostr-tools rejects a tampered event").isFalse();
    assertThat(events.get(NASTY.size()).verify()).isFalse();
  }
}
