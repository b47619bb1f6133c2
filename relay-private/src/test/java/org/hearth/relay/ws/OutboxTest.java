package org.hearth.relay.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearth.nostr.event.Event;
import org.hearth.relay.fanout.DeliveryBatch;
import org.hearth.relay.fanout.OutgoingEvent;
import org.hearth.relay.support.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * The outbox writes queued frames in order, with one flush per batch, on the channel's loop; live
 * frames wait while the channel is not writable, and a dispatch's drains are grouped per loop.
 */
class OutboxTest {
  private static final Event EVENT = TestKeys.event(TestKeys.ALICE, 1, "any");

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
    box.live(
        "[\"EVENT\",\"s\",".getBytes(StandardCharsets.UTF_8),
        ev("{\"id\":\"é\"}"),
        live::incrementAndGet,
        null);
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

  @Test
  void liveFramesWaitWhileTheChannelIsNotWritableAndLeaveInOrderWhenItIs() {
    EmbeddedChannel ch = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
    Outbox box = new Outbox(ch.pipeline().lastContext());
    AtomicInteger handedOver = new AtomicInteger();
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    box.live(bytes("[\"EVENT\",\"s\","), ev("1"), handedOver::incrementAndGet, null);
    box.text("[\"NOTICE\",\"after 1\"]");
    box.live(bytes("[\"EVENT\",\"s\","), ev("2"), handedOver::incrementAndGet, null);
    ch.runPendingTasks();
    assertThat(frames(ch)).as("a lagging reader gets nothing more for now").isEmpty();
    assertThat(handedOver).as("both live frames still count as pending").hasValue(0);
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    ch.runPendingTasks();
    assertThat(frames(ch))
        .containsExactly("[\"EVENT\",\"s\",1]", "[\"NOTICE\",\"after 1\"]", "[\"EVENT\",\"s\",2]");
    assertThat(handedOver).hasValue(2);
  }

  @Test
  void discardedLiveFramesAreDroppedButTheNoticeAndTheCloseBehindThemStillGo() {
    EmbeddedChannel ch = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
    Outbox box = new Outbox(ch.pipeline().lastContext());
    AtomicInteger released = new AtomicInteger();
    List<String> actions = new ArrayList<>();
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    for (int i = 0; i < 3; i++) {
      box.live(bytes("[\"EVENT\",\"s\","), ev("" + i), released::incrementAndGet, null);
    }
    ch.runPendingTasks();
    assertThat(frames(ch)).isEmpty();
    box.discardLive();
    box.text("[\"NOTICE\",\"too slow\"]");
    box.then(() -> actions.add("close"));
    ch.runPendingTasks();
    assertThat(frames(ch)).containsExactly("[\"NOTICE\",\"too slow\"]");
    assertThat(actions).containsExactly("close");
    assertThat(released).as("every discarded frame leaves the pending count").hasValue(3);
  }

  @Test
  void aLiveFrameQueuedWithABatchIsDrainedWhenTheDispatchRunsTheBatch() {
    EmbeddedChannel a = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
    EmbeddedChannel b = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
    Outbox boxA = new Outbox(a.pipeline().lastContext());
    Outbox boxB = new Outbox(b.pipeline().lastContext());
    DeliveryBatch batch = new DeliveryBatch();
    boxA.live(bytes("[\"EVENT\",\"a\","), ev("1"), null, batch);
    boxB.live(bytes("[\"EVENT\",\"b\","), ev("1"), null, batch);
    boxA.live(bytes("[\"EVENT\",\"a\","), ev("2"), null, batch);
    a.runPendingTasks();
    b.runPendingTasks();
    assertThat(frames(a)).as("nothing before the dispatch runs its batch").isEmpty();
    batch.run();
    a.runPendingTasks();
    b.runPendingTasks();
    assertThat(frames(a)).containsExactly("[\"EVENT\",\"a\",1]", "[\"EVENT\",\"a\",2]");
    assertThat(frames(b)).containsExactly("[\"EVENT\",\"b\",1]");
  }

  @Test
  void behindNettysEncoderALiveEventIsOneReadyMadeFrameWithTheEncodersBytes() {
    for (int size : new int[] {10, 300, 70_000}) { // 7-bit, 16-bit and 64-bit payload lengths
      String json = "\"" + "x".repeat(size) + "\"";
      EmbeddedChannel raw =
          new EmbeddedChannel(
              new WebSocket13FrameEncoder(false), new ChannelOutboundHandlerAdapter());
      Outbox box = new Outbox(raw.pipeline().lastContext());
      assertThat(box.rawFrames()).isTrue();
      box.live(bytes("[\"EVENT\",\"s\","), ev(json), null, null);
      raw.runPendingTasks();
      EmbeddedChannel encoded = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
      encoded.writeOutbound(new TextWebSocketFrame("[\"EVENT\",\"s\"," + json + "]"));
      assertThat(wire(raw)).as("payload of %d bytes", size).isEqualTo(wire(encoded));
    }
  }

  @Test
  void subscriptionsWithTheSameIdShareOneFrame() {
    OutgoingEvent e = ev("{}");
    java.nio.ByteBuffer one = e.websocketFrame(bytes("[\"EVENT\",\"live\","));
    assertThat(e.websocketFrame(bytes("[\"EVENT\",\"live\","))).isSameAs(one);
    java.nio.ByteBuffer other = e.websocketFrame(bytes("[\"EVENT\",\"b\",")).duplicate();
    byte[] b = new byte[other.remaining()];
    other.get(b);
    assertThat(new String(b, StandardCharsets.UTF_8)).endsWith("[\"EVENT\",\"b\",{}]");
  }

  @Test
  void withANegotiatedExtensionLiveFramesGoThroughTheEncoder() {
    WebSocketExtensionEncoder deflate =
        new WebSocketExtensionEncoder() {
          @Override
          protected void encode(ChannelHandlerContext ctx, WebSocketFrame msg, List<Object> out) {
            out.add(msg.retain());
          }
        };
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new WebSocket13FrameEncoder(false), deflate, new ChannelOutboundHandlerAdapter());
    assertThat(new Outbox(ch.pipeline().lastContext()).rawFrames()).isFalse();
    EmbeddedChannel plain = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
    assertThat(new Outbox(plain.pipeline().lastContext()).rawFrames())
        .as("no websocket encoder to bypass")
        .isFalse();
  }

  /** Every byte the channel wrote, in order. */
  private static byte[] wire(EmbeddedChannel ch) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    io.netty.buffer.ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      byte[] a = new byte[b.readableBytes()];
      b.readBytes(a);
      out.writeBytes(a);
      b.release();
    }
    return out.toByteArray();
  }

  /** An outgoing event whose JSON is {@code json} (the outbox only sends the JSON). */
  private static OutgoingEvent ev(String json) {
    return new OutgoingEvent(EVENT, json);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
