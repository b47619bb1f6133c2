package org.hearth.relay.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hearth.nostr.event.Event;
import org.hearth.relay.access.ReadableEvent;

/**
 * An event on its way to live subscribers. Its wire JSON is encoded at most once per dispatch and
 * shared by every subscriber's frame (see {@link LiveSubscription#frame}).
 */
public final class OutgoingEvent {
  private final Event event;
  private final ReadableEvent readable;
  private String json;
  private byte[] utf8;
  private volatile Framed framed;

  /** The last websocket frame built, and the subscription prefix it was built for. */
  private record Framed(byte[] prefix, ByteBuffer frame) {}

  public OutgoingEvent(Event event) {
    this(event, null);
  }

  /** An event whose wire JSON is already known (e.g. the stored raw text). */
  public OutgoingEvent(Event event, String json) {
    this.event = event;
    this.readable = ReadableEvent.of(event);
    this.json = json;
  }

  public Event event() {
    return event;
  }

  /** What the read check looks at, read once (expiration tag) for every subscriber. */
  public ReadableEvent readable() {
    return readable;
  }

  /**
   * The event as compact JSON, encoded on first use. A race between threads only encodes twice
   * (Strings are immutable and safely published).
   */
  public String json() {
    String j = json;
    if (j == null) {
      j = event.toJson();
      json = j;
    }
    return j;
  }

  /** {@link #json()} as UTF-8, encoded on first use (the same benign race as {@link #json()}). */
  public byte[] utf8() {
    byte[] b = utf8;
    if (b == null) {
      b = json().getBytes(StandardCharsets.UTF_8);
      utf8 = b;
    }
    return b;
  }

  /**
   * The whole server-to-client websocket text frame (FIN, opcode 1, unmasked length) of {@code
   * prefix + utf8() + "]"}: built once and shared by every subscription with the same prefix
   * ({@code ["EVENT","<sub>",}), which in a fan-out is usually all of them. Remembers the last one
   * built; a race only builds twice. The frame is in direct memory, read-only, so that a socket
   * write takes it as it is (no copy per connection); the garbage collector frees it.
   */
  public ByteBuffer websocketFrame(byte[] prefix) {
    Framed f = framed;
    if (f != null && (f.prefix() == prefix || Arrays.equals(f.prefix(), prefix))) {
      return f.frame();
    }
    byte[] body = utf8();
    int n = prefix.length + body.length + 1;
    int h = n < 126 ? 2 : n < 65536 ? 4 : 10;
    byte[] out = new byte[h + n];
    out[0] = (byte) 0x81;
    if (n < 126) {
      out[1] = (byte) n;
    } else if (n < 65536) {
      out[1] = 126;
      out[2] = (byte) (n >>> 8);
      out[3] = (byte) n;
    } else {
      out[1] = 127;
      for (int i = 0; i < 8; i++) {
        out[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
      }
    }
    System.arraycopy(prefix, 0, out, h, prefix.length);
    System.arraycopy(body, 0, out, h + prefix.length, body.length);
    out[h + n - 1] = ']';
    ByteBuffer direct = ByteBuffer.allocateDirect(out.length).put(out).flip().asReadOnlyBuffer();
    framed = new Framed(prefix, direct);
    return direct;
  }
}
