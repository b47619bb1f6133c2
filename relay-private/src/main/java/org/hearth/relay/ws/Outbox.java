package org.hearth.relay.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.hearth.relay.fanout.DeliveryBatch;
import org.hearth.relay.fanout.OutgoingEvent;

/**
 * Every frame the relay sends on one connection, in order, written straight to the connection's
 * Netty pipeline: callers on any thread queue frames here, and one task on the connection's event
 * loop writes everything queued so far and flushes once. A REQ answer of 500 events therefore costs
 * one flush (one {@code write} system call for as much as the socket takes) instead of 500, and a
 * fan-out hands each connection one task instead of one Vert.x write, Mutiny {@code Uni} and flush
 * per frame.
 *
 * <p>The queue is the only writer of text frames on the connection, so frames leave in the order
 * they were queued; a close is queued too ({@link #then}), so it follows the frames before it.
 *
 * <p>Live frames wait in the queue while the channel is not writable (Netty's outbound buffer above
 * its high-water mark: the reader is not keeping up), and the frames behind them wait with them;
 * the channel's writability change resumes the drain. So a live frame counts as pending from {@link
 * #spliced} until it is handed to the channel ({@code written} runs then), with no promise or
 * listener per frame, and a reader that stops reading piles its frames up here, where {@link
 * #discardLive} drops them.
 *
 * <p>A live event usually goes out as the same bytes to every subscriber: the whole websocket frame
 * is then built once per event ({@link OutgoingEvent#websocketFrame}) and written to each channel
 * past Netty's frame encoder (a server frame is not masked), when the pipeline allows it ({@link
 * #rawFrames}).
 */
final class Outbox {
  /** Most items one task writes before it flushes and lets the event loop serve others. */
  private static final int MAX_PER_TASK = 1024;

  private static final AtomicIntegerFieldUpdater<Outbox> SCHEDULED =
      AtomicIntegerFieldUpdater.newUpdater(Outbox.class, "scheduled");

  private final ChannelHandlerContext ctx;

  /** The connection's event loop (a fan-out asks once per delivery: kept, not looked up). */
  private final EventExecutor loop;

  private final ChannelPromise ignore;

  /**
   * Many producers (any thread), one consumer (the event loop): Netty's chunked MPSC array queue,
   * which allocates no node per frame.
   */
  private final Queue<Object> queue = PlatformDependent.newMpscQueue();

  /** 1 while a drain is scheduled (a field, not an AtomicBoolean: one object less per delivery). */
  private volatile int scheduled;

  private final Runnable drain = this::drain;
  private volatile boolean discardLive;

  /**
   * True when a live frame may be written as ready-made websocket bytes past the frame encoder: the
   * pipeline has Netty's websocket encoder and no extension (permessage-deflate) that would want to
   * see the frame. Otherwise live frames go through the encoder as {@link TextWebSocketFrame}s.
   */
  private final boolean rawFrames;

  /** A frame of already encoded text. */
  private record Text(String text) {}

  /**
   * A frame spliced from a prebuilt head ({@code ["EVENT","<sub>",}), an event's UTF-8 JSON shared
   * by every subscriber, and {@code ]}. {@code written} runs once it is handed to the channel (or
   * discarded).
   */
  private record Spliced(byte[] head, byte[] body, Runnable written) {}

  /** A complete websocket frame, shared by the connections it goes to (never modified). */
  private record Framed(ByteBuffer frame, Runnable written) {}

  /**
   * @param ctx the context of the connection's last handler (Vert.x's), so that a write passes the
   *     websocket encoder and whatever else the pipeline holds (TLS, compression)
   */
  Outbox(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.loop = ctx.executor();
    this.ignore = new VoidChannelPromise(ctx.channel(), false);
    this.rawFrames = rawFramesSafe(ctx.pipeline());
    try {
      ctx.pipeline().addBefore(ctx.name(), null, new Writability());
    } catch (NoSuchElementException closed) {
      // the connection closed before it opened: nothing will be written anyway
    }
  }

  /** Queues a text frame. */
  void text(String frame) {
    offer(new Text(frame), null);
  }

  /**
   * Queues {@code head + body + "]"} as a text frame (a stored event in a REQ answer); like live
   * frames it waits while the channel is not writable, so a large answer does not pile up in
   * Netty's buffer ahead of the reader.
   */
  void spliced(byte[] head, byte[] body) {
    offer(new Spliced(head, body, null), null);
  }

  /** True when {@link #live} writes ready-made frames (see {@link #rawFrames}). */
  boolean rawFrames() {
    return rawFrames;
  }

  /**
   * Queues a live event for subscription {@code head}: as {@code event}'s shared websocket frame
   * when {@link #rawFrames()}, else spliced. {@code written} runs once it is handed to the channel
   * or discarded; the drain is deferred to {@code batch} when one is given.
   */
  void live(byte[] head, OutgoingEvent event, Runnable written, DeliveryBatch batch) {
    offer(
        rawFrames
            ? new Framed(event.websocketFrame(head), written)
            : new Spliced(head, event.utf8(), written),
        batch);
  }

  /** Runs {@code action} on the event loop after every frame queued before it is flushed. */
  void then(Runnable action) {
    offer(action, null);
  }

  /** From now on live frames are dropped instead of written (the reader is being disconnected). */
  void discardLive() {
    discardLive = true;
  }

  private void offer(Object item, DeliveryBatch batch) {
    queue.add(item);
    if (scheduled == 0 && SCHEDULED.compareAndSet(this, 0, 1)) {
      if (batch == null) {
        loop.execute(drain);
      } else {
        batch.defer(loop, drain);
      }
    }
  }

  private void drain() {
    scheduled = 0; // before polling: an item queued from now on schedules another drain
    boolean unflushed = false;
    int n = 0;
    Object item;
    while (n++ < MAX_PER_TASK && (item = queue.peek()) != null) {
      if ((item instanceof Spliced || item instanceof Framed)
          && !discardLive
          && !ctx.channel().isWritable()) {
        break; // the reader lags: wait for the channel to drain (Writability resumes)
      }
      queue.poll();
      switch (item) {
        case Text t -> {
          ctx.write(new TextWebSocketFrame(ByteBufUtil.writeUtf8(ctx.alloc(), t.text())), ignore);
          unflushed = true;
        }
        case Spliced s -> {
          if (!discardLive) {
            ctx.write(new TextWebSocketFrame(splice(ctx.alloc(), s)), ignore);
            unflushed = true;
          }
          if (s.written() != null) {
            s.written().run();
          }
        }
        case Framed f -> {
          if (!discardLive) {
            // past the encoder (it is a frame already); duplicate: the buffer is shared
            ctx.write(Unpooled.wrappedBuffer(f.frame().duplicate()), ignore);
            unflushed = true;
          }
          if (f.written() != null) {
            f.written().run();
          }
        }
        case Runnable r -> {
          if (unflushed) {
            ctx.flush();
            unflushed = false;
          }
          r.run();
        }
        default -> throw new IllegalStateException("unknown outbox item " + item);
      }
    }
    if (unflushed) {
      ctx.flush();
    }
    if (n > MAX_PER_TASK && !queue.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1)) {
      loop.execute(drain);
    }
  }

  /** Drains again whenever the channel turns writable. */
  private final class Writability extends ChannelInboundHandlerAdapter {
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
      if (c.channel().isWritable()
          && !queue.isEmpty()
          && SCHEDULED.compareAndSet(Outbox.this, 0, 1)) {
        drain();
      }
      c.fireChannelWritabilityChanged();
    }
  }

  private static boolean rawFramesSafe(ChannelPipeline pipeline) {
    boolean encoder = false;
    for (Map.Entry<String, ChannelHandler> h : pipeline) {
      if (h.getValue() instanceof WebSocketExtensionEncoder) {
        return false;
      }
      encoder |= h.getValue() instanceof WebSocketFrameEncoder;
    }
    return encoder;
  }

  private static ByteBuf splice(ByteBufAllocator alloc, Spliced s) {
    ByteBuf b = alloc.buffer(s.head().length + s.body().length + 1);
    return b.writeBytes(s.head()).writeBytes(s.body()).writeByte(']');
  }
}
