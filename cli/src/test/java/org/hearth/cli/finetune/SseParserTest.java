package org.hearth.cli.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The event-stream framing of the WHATWG server-sent events specification. */
class SseParserTest {
  private static List<SseEvent> parse(SseParser p, String text) {
    List<SseEvent> out = new ArrayList<>();
    text.lines().forEach(l -> p.line(l).ifPresent(out::add));
    return out;
  }

  @Test
  void fieldsCommentsIdsAndMultiLineData() {
    SseParser p = new SseParser();
    List<SseEvent> events =
        parse(
            p,
            ": comment\nretry: 250\n\nid: 1\nevent: progress\ndata: {\"a\":1}\n\n"
                + "data:first\ndata: second\n\nevent: done\nid: 7\ndata\n\n");
    assertThat(events)
        .containsExactly(
            new SseEvent("progress", "{\"a\":1}", Optional.of("1")),
            new SseEvent("message", "first\nsecond", Optional.of("1")),
            new SseEvent("done", "", Optional.of("7")));
    assertThat(p.lastEventId()).contains("7");
    assertThat(p.retryMillis()).hasValue(250);
  }

  @Test
  void anEventWithoutDataIsNotDispatchedAndAResetDropsAHalfEvent() {
    SseParser p = new SseParser();
    assertThat(parse(p, "event: progress\n\n")).isEmpty();
    p.line("id: 3");
    p.line("event: progress");
    p.line("data: half");
    p.reset();
    assertThat(parse(p, "data: whole\n\n"))
        .containsExactly(new SseEvent("message", "whole", Optional.of("3")));
  }

  @Test
  void badRetryAndIdsWithNulAreIgnored() {
    SseParser p = new SseParser();
    parse(p, "retry: soon\nid: a\0b\ndata: x\n\n");
    assertThat(p.retryMillis()).isEmpty();
    assertThat(p.lastEventId()).isEmpty();
  }
}
