package org.hearth.relay.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.event;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: every malformed frame gets one clear answer ({@code NOTICE "invalid: …"}, or
 * {@code OK false "invalid: …"} when the frame carries a usable event id, or {@code CLOSED
 * "invalid: …"} for a bad subscription); the connection and the process keep working and nothing is
 * stored.
 */
@QuarkusTest
class MalformedInputTest {
  @TestHTTPResource("/")
  URI root;

  @Inject Pool pool;

  private long storedEvents() {
    return pool.query("SELECT count(*) FROM event")
        .execute()
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong(0);
  }

  private TestSocket open() {
    return TestSocket.open(root.getPort(), "family");
  }

  /** The one answer to a bad frame: its prefix must be invalid:, and it must not accept. */
  private static void assertRejected(String frame, RelayMessage m) {
    String why =
        switch (m) {
          case RelayMessage.Notice n -> n.message();
          case RelayMessage.Ok ok -> {
            assertThat(ok.accepted()).as("OK for %s", frame).isFalse();
            yield ok.message();
          }
          case RelayMessage.Closed c -> c.message();
          default -> throw new AssertionError("unexpected answer " + m + " to " + frame);
        };
    assertThat(why).as("answer to %s", abbreviate(frame)).startsWith("invalid:");
  }

  private static String abbreviate(String frame) {
    return frame.length() > 120 ? frame.substring(0, 120) + "…" : frame;
  }

  @Test
  void wrongShapesTypesIdsAndSignaturesAreRejectedClearly() {
    Event good = event(ALICE, 1, "template");
    String json = good.toJson();
    String badId = json.replace(good.id(), "0".repeat(64));
    String badSig = json.replace(good.sig(), good.sig().substring(0, 126) + "00");
    String tampered = json.replace("template", "tampered");
    long before = storedEvents();
    try (TestSocket s = open()) {
      s.auth(ALICE);
      List<String> frames =
          List.of(
              "",
              "null",
              "42",
              "\"EVENT\"",
              "{\"EVENT\":{}}",
              "[null]",
              "[\"EVENT\"]",
              "[\"EVENT\",null]",
              "[\"EVENT\",[]]",
              "[\"EVENT\"," + badId + "]",
              "[\"EVENT\"," + badSig + "]",
              "[\"EVENT\"," + tampered + "]",
              "[\"EVENT\"," + json.replace("\"kind\":1", "\"kind\":\"1\"") + "]",
              "[\"EVENT\"," + json.replace("\"kind\":1", "\"kind\":-1") + "]",
              "[\"EVENT\"," + json.replace("\"kind\":1", "\"kind\":1.5") + "]",
              "[\"EVENT\"," + json.replace("\"tags\":[]", "\"tags\":{}") + "]",
              "[\"EVENT\"," + json.replace("\"tags\":[]", "\"tags\":[[1]]") + "]",
              "[\"EVENT\"," + json.replace(good.pubkey(), "ab") + "]",
              "[\"EVENT\"," + json.replace(good.sig(), "zz".repeat(64)) + "]",
              "[\"EVENT\"," + json.replace("\"content\":\"template\"", "\"content\":7") + "]",
              "[\"EVENT\"," + json.substring(0, json.length() - 1) + "]",
              "[\"REQ\",\"s\",{\"ids\":[\"not-hex\"]}]",
              "[\"REQ\",\"s\",{\"limit\":\"ten\"}]",
              "[\"REQ\",\"s\",{\"since\":\"yesterday\"}]",
              "[\"REQ\",\"s\",{\"authors\":[1]}]",
              "[\"REQ\",\"s\",42]",
              "[\"REQ\",42,{}]",
              "[\"COUNT\",\"c\",{\"kinds\":[\"x\"]}]",
              "[\"CLOSE\"]",
              "[\"AUTH\",\"challenge\"]",
              "[\"AUTH\",{}]",
              "[\"EVENT\",{}," + json + "]",
              "\uFFFD\uFFFD\u0000",
              "[" + "[".repeat(5000) + "]".repeat(5000) + "]");
      for (String f : frames) {
        s.sendRaw(f);
        assertRejected(f, s.next());
      }
      assertThat(s.publish(good).accepted()).isTrue();
      assertThat(
              s.req(
                  "after", new Filter(Set.of(good.id()), null, null, null, null, null, null, null)))
          .extracting(Event::id)
          .containsExactly(good.id());
    }
    assertThat(storedEvents()).isEqualTo(before + 1);
  }

  @Test
  void framesBeyondTheLimitsAreRefusedAndTheRelayStaysUp() throws InterruptedException {
    long before = storedEvents();
    try (TestSocket s = open()) {
      s.auth(ALICE);
      Event huge = event(ALICE, 1, "x".repeat(300_000));
      s.sendRaw("[\"EVENT\"," + huge.toJson() + "]");
      assertThat(s.next(RelayMessage.Notice.class).message()).startsWith("invalid:");
      Event manyTags = event(ALICE, 1, "tags", tagPairs(2500));
      RelayMessage.Ok ok = s.publish(manyTags);
      assertThat(ok.accepted()).isFalse();
      assertThat(ok.message()).startsWith("invalid:");
      assertThat(s.publish(event(ALICE, 1, "still fine")).accepted()).isTrue();
    }
    try (TestSocket s = open()) {
      s.sendRaw("x".repeat(2 * 1024 * 1024));
      RelayMessage m = s.poll(5000);
      if (m == null) {
        assertThat(s.isClosed()).as("no answer to a 2 MiB frame, yet still open").isTrue();
      } else {
        assertThat(m).isInstanceOf(RelayMessage.Notice.class);
        assertThat(((RelayMessage.Notice) m).message()).startsWith("invalid:");
      }
    }
    try (TestSocket s = open()) {
      s.auth(ALICE);
      assertThat(s.publish(event(ALICE, 1, "new connection")).accepted()).isTrue();
    }
    assertThat(storedEvents()).isEqualTo(before + 2);
  }

  private static String[] tagPairs(int n) {
    String[] out = new String[2 * n];
    for (int i = 0; i < n; i++) {
      out[2 * i] = "t";
      out[2 * i + 1] = "v" + i;
    }
    return out;
  }

  @Test
  void tenThousandRandomFramesOverOneConnection() throws InterruptedException {
    Random r = new Random(20261126);
    Event template = event(ALICE, 1, "random template", "t", "fuzz");
    String valid = "[\"EVENT\"," + template.toJson() + "]";
    String req = "[\"REQ\",\"fuzz\",{\"kinds\":[1],\"limit\":1,\"#t\":[\"fuzz\"]}]";
    long before = storedEvents();
    int answered = 0;
    try (TestSocket s = open()) {
      s.auth(ALICE);
      for (int batch = 0; batch < 100; batch++) {
        for (int i = 0; i < 100; i++) {
          s.sendRaw(randomFrame(r, valid, req));
        }
        for (int i = 0; i < 100; i++) {
          String raw = s.nextRaw();
          RelayMessage m;
          try {
            m = MessageCodec.decodeRelay(raw);
          } catch (DecodeException e) {
            throw new AssertionError("the relay sent an invalid frame: " + raw, e);
          }
          assertRejected(raw, m);
          answered++;
        }
      }
      assertThat(s.poll(200)).isNull();
      assertThat(s.isClosed()).isFalse();
      assertThat(s.publish(template).accepted()).isTrue();
    }
    assertThat(answered).isEqualTo(10_000);
    assertThat(storedEvents()).isEqualTo(before + 1);
  }

  /**
   * A frame that can never be valid: random bytes, random JSON values, or a valid EVENT/REQ frame
   * with one character changed (which breaks the JSON, the id, the signature or a type) or cut.
   */
  private static String randomFrame(Random r, String validEvent, String validReq) {
    return switch (r.nextInt(5)) {
      case 0 -> {
        byte[] b = new byte[1 + r.nextInt(300)];
        r.nextBytes(b);
        yield "\u0001" + new String(b, StandardCharsets.ISO_8859_1);
      }
      case 1 -> mutate(r, validEvent);
      case 2 -> validEvent.substring(0, 1 + r.nextInt(validEvent.length() - 2));
      case 3 -> randomJson(r, 0);
      default -> {
        String m = validReq.replace("\"kinds\":[1]", "\"kinds\":[" + randomJson(r, 2) + "]");
        yield m.equals(validReq) ? "[\"REQ\"]" : m;
      }
    };
  }

  private static String mutate(Random r, String s) {
    int at = 1 + r.nextInt(s.length() - 2);
    char c;
    do {
      c = (char) (32 + r.nextInt(95));
    } while (c == s.charAt(at));
    return s.substring(0, at) + c + s.substring(at + 1);
  }

  private static String randomJson(Random r, int depth) {
    int pick = depth > 3 ? r.nextInt(3) : r.nextInt(6);
    return switch (pick) {
      case 0 -> Long.toString(r.nextLong());
      case 1 -> "\"s" + r.nextInt(1000) + "\"";
      case 2 -> r.nextBoolean() ? "null" : "true";
      case 3 -> "{\"k" + r.nextInt(9) + "\":" + randomJson(r, depth + 1) + "}";
      default -> {
        StringBuilder b = new StringBuilder("[");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          b.append(i == 0 ? "" : ",").append(randomJson(r, depth + 1));
        }
        yield b.append(']').toString();
      }
    };
  }
}
