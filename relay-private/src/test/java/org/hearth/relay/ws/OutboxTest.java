package org.hearth.relay.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbox writes queued frames in order, with one flush per batch, on the channel's loop. */
class OutboxTest {
  /** Counts flushes and remembers how many frames had been written at each. */
  private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
    final List<Integer> flushedAfter = new ArrayList<>();
    int written;

    @Override
    public void write(
        ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
      written++;
      ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      flushedAfter.add(written);
      ctx.flush();
    }
  }

  private static List<String> frames(EmbeddedChannel ch) {
    List<String> out = new ArrayList<>();
    TextWebSocketFrame f;
    while ((f = ch.readOutbound()) != null) {
      out.add(f.content().toString(StandardCharsets.UTF_8));
      f.release();
    }
    return out;
  }

  @Test
  void framesQueuedTogetherLeaveInOrderWithOneFlush() {
    FlushCounter counter = new FlushCounter();
    EmbeddedChannel ch = new EmbeddedChannel(counter, new ChannelOutboundHandlerAdapter());
    Outbox box = new Outbox(ch.pipeline().lastContext());
    AtomicInteger live = new AtomicInteger();
    box.text("[\"AUTH\",\"c\"]");
    box.spliced(
        "[\"EVENT\",\"s\",".getBytes(StandardCharsets.UTF_8),
        "{\"id\":\"é\"}".getBytes(StandardCharsets.UTF_8),
        live::incrementAndGet);
    box.text("[\"EOSE\",\"s\"]");
    assertThat(frames(ch)).as("nothing is written before the event loop runs the drain").isEmpty();
    ch.runPendingTasks();
    assertThat(frames(ch))
        .containsExactly(
            "[\"AUTH\",\"c\"]", "[\"EVENT\",\"s\",{\"id\":\"é\"}]", "[\"EOSE\",\"s\"]");
    assertThat(counter.flushedAfter).containsExactly(3);
    assertThat(live).hasValue(1);
  }

  @Test
  void anActionRunsAfterTheFramesBeforeItAreFlushed() {
    FlushCounter counter = new FlushCounter();
    EmbeddedChannel ch = new EmbeddedChannel(counter, new ChannelOutboundHandlerAdapter());
    Outbox box = new Outbox(ch.pipeline().lastContext());
    List<Integer> flushesSeenByAction = new ArrayList<>();
    box.text("[\"NOTICE\",\"one\"]");
    box.text("[\"NOTICE\",\"two\"]");
    box.then(() -> flushesSeenByAction.add(counter.flushedAfter.size()));
    box.text("[\"NOTICE\",\"three\"]");
    ch.runPendingTasks();
    assertThat(flushesSeenByAction).containsExactly(1);
    assertThat(counter.flushedAfter).containsExactly(2, 3);
    assertThat(frames(ch))
        .containsExactly("[\"NOTICE\",\"one\"]", "[\"NOTICE\",\"two\"]", "[\"NOTICE\",\"three\"]");
  }

  @Test
  void framesQueuedAfterADrainGetTheirOwnDrain() {
    FlushCounter counter = new FlushCounter();
    EmbeddedChannel ch = new EmbeddedChannel(counter, new ChannelOutboundHandlerAdapter());
    Outbox box = new Outbox(ch.pipeline().lastContext());
    box.text("[\"NOTICE\",\"first\"]");
    ch.runPendingTasks();
    box.text("[\"NOTICE\",\"second\"]");
    ch.runPendingTasks();
    assertThat(frames(ch)).containsExactly("[\"NOTICE\",\"first\"]", "[\"NOTICE\",\"second\"]");
    assertThat(counter.flushedAfter).containsExactly(1, 2);
  }
}
