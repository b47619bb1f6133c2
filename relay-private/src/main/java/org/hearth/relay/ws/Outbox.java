package org.hearth.relay.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

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
 */
final class Outbox {
  /** Most items one task writes before it flushes and lets the event loop serve others. */
  private static final int MAX_PER_TASK = 1024;

  private final ChannelHandlerContext ctx;
  private final ChannelPromise ignore;
  private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;

  /** A frame of already encoded text. */
  private record Text(String text) {}

  /**
   * A frame spliced from a prebuilt head ({@code ["EVENT","<sub>",}), an event's UTF-8 JSON shared
   * by every subscriber, and {@code ]}. {@code written} is told the count once it left (or failed).
   */
  private record Spliced(byte[] head, byte[] body, Runnable written) {}

  /**
   * @param ctx the context of the connection's last handler (Vert.x's), so that a write passes the
   *     websocket encoder and whatever else the pipeline holds (TLS, compression)
   */
  Outbox(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.ignore = new VoidChannelPromise(ctx.channel(), false);
  }

  /** Queues a text frame. */
  void text(String frame) {
    offer(new Text(frame));
  }

  /** Queues {@code head + body + "]"}; {@code written} runs once it is written or has failed. */
  void spliced(byte[] head, byte[] body, Runnable written) {
    offer(new Spliced(head, body, written));
  }

  /** Runs {@code action} on the event loop after every frame queued before it is flushed. */
  void then(Runnable action) {
    offer(action);
  }

  private void offer(Object item) {
    queue.add(item);
    if (scheduled.compareAndSet(false, true)) {
      ctx.executor().execute(drain);
    }
  }

  private void drain() {
    scheduled.set(false); // before polling: an item queued from now on schedules another drain
    boolean unflushed = false;
    int n = 0;
    Object item;
    while (n++ < MAX_PER_TASK && (item = queue.poll()) != null) {
      switch (item) {
        case Text t -> {
          write(ByteBufUtil.writeUtf8(ctx.alloc(), t.text()), ignore);
          unflushed = true;
        }
        case Spliced s -> {
          write(splice(ctx.alloc(), s), promise(s.written()));
          unflushed = true;
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
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      ctx.executor().execute(drain);
    }
  }

  private void write(ByteBuf payload, ChannelPromise promise) {
    ctx.write(new TextWebSocketFrame(payload), promise);
  }

  private ChannelPromise promise(Runnable written) {
    if (written == null) {
      return ignore;
    }
    ChannelPromise p = ctx.newPromise();
    p.addListener(f -> written.run());
    return p;
  }

  private static ByteBuf splice(ByteBufAllocator alloc, Spliced s) {
    ByteBuf b = alloc.buffer(s.head().length + s.body().length + 1);
    return b.writeBytes(s.head()).writeBytes(s.body()).writeByte(']');
  }
}
