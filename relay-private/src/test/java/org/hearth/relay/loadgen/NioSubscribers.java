package org.hearth.relay.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.nip42.Nip42;

/**
 * Many subscriber connections on plain NIO selector threads with a minimal hand-written websocket
 * client (RFC 6455: the upgrade handshake with its {@code Sec-WebSocket-Accept} check, masked
 * client frames, unmasked server frames, ping answered with pong). A read takes whatever the socket
 * holds (often many frames) into the connection's buffer and walks it; an {@code ["EVENT",…]} text
 * frame goes to the {@link Frames} callback as bytes in that buffer, with no String, no copy and no
 * JSON parse. Each connection still authenticates for real (NIP-42: the relay's challenge, a signed
 * kind-22242 event, its OK) and sends a real REQ, and {@link #open} returns once every one has its
 * EOSE. The cheapest of the fan-out clients ({@code --fanout-client=nio}, the default).
 */
final class NioSubscribers implements AutoCloseable {
  /** Called on a selector thread with the payload of each {@code ["EVENT",…]} frame. */
  interface Frames {
    void onEvent(byte[] buf, int off, int len);
  }

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final byte[] EVENT = "[\"EVENT\"".getBytes(StandardCharsets.US_ASCII);

  private final List<Loop> loops = new ArrayList<>();

  private NioSubscribers() {}

  /**
   * Opens {@code count} connections to {@code url} on {@code threads} selector threads,
   * authenticates each as {@code signer} (none when null), sends {@code req} and returns once every
   * one has its EOSE (50 handshakes at a time).
   */
  static NioSubscribers open(
      String url, int count, int threads, LocalSigner signer, String req, Frames frames)
      throws IOException {
    URI u = URI.create(url);
    NioSubscribers subs = new NioSubscribers();
    for (int t = 0; t < threads; t++) {
      Loop loop = new Loop(frames);
      subs.loops.add(loop);
      Thread.ofPlatform().daemon().name("nio-subscribers-" + t).start(loop);
    }
    List<CompletableFuture<Void>> batch = new ArrayList<>();
    int ready = 0;
    for (int i = 0; i < count; i++) {
      Conn c = new Conn(u, signer, req);
      batch.add(c.ready);
      subs.loops.get(i % threads).add(c);
      if (batch.size() == 50 || i == count - 1) {
        try {
          CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))
              .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
          subs.close();
          throw new IllegalStateException(
              "subscribers: " + ready + " of " + count + " reached EOSE before a failure", e);
        }
        ready += batch.size();
        batch.clear();
      }
    }
    return subs;
  }

  /** How the selector threads woke so far: selects, ready connections, and per select. */
  String counters() {
    long selects = 0;
    long ready = 0;
    for (Loop l : loops) {
      selects += l.selects;
      ready += l.ready;
    }
    return String.format(
        "client selector: %d selects, %d ready connections (%.1f per select)",
        selects, ready, ready / (double) Math.max(1, selects));
  }

  @Override
  public void close() {
    for (Loop l : loops) {
      l.stop();
    }
  }

  /** One selector thread and the connections registered with it. */
  private static final class Loop implements Runnable {
    private final Selector selector;
    private final Frames frames;
    private final Queue<Conn> incoming = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    /** Written by the loop's thread only; read for the report (a stale value is harmless). */
    private volatile long selects;

    private volatile long ready;

    Loop(Frames frames) throws IOException {
      this.selector = Selector.open();
      this.frames = frames;
    }

    void add(Conn c) {
      incoming.add(c);
      selector.wakeup();
    }

    void stop() {
      running = false;
      selector.wakeup();
    }

    @Override
    public void run() {
      try {
        while (running) {
          int n = selector.select(1000);
          selects = selects + 1;
          ready = ready + n;
          Conn c;
          while ((c = incoming.poll()) != null) {
            c.start(selector);
          }
          for (SelectionKey k : selector.selectedKeys()) {
            Conn conn = (Conn) k.attachment();
            try {
              conn.ready(k, frames);
            } catch (IOException | RuntimeException e) {
              conn.fail(e);
              k.cancel();
              conn.channel.close();
            }
          }
          selector.selectedKeys().clear();
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } finally {
        for (SelectionKey k : selector.keys()) {
          ((Conn) k.attachment()).closeQuietly();
        }
        try {
          selector.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }

  /** One websocket: handshake, then frames. Touched only by its selector thread. */
  private static final class Conn {
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    final URI uri;
    final LocalSigner signer;
    final String req;
    final String key;
    SocketChannel channel;
    SelectionKey selectionKey;
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    ByteBuffer out = ByteBuffer.allocate(0);
    boolean upgraded;

    /** Payload of a fragmented message being assembled, or null. */
    java.io.ByteArrayOutputStream fragments;

    Conn(URI uri, LocalSigner signer, String req) {
      this.uri = uri;
      this.signer = signer;
      this.req = req;
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      this.key = Base64.getEncoder().encodeToString(nonce);
    }

    void start(Selector selector) {
      try {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        boolean done = channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        selectionKey =
            channel.register(selector, done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
        if (done) {
          connected();
        }
      } catch (IOException e) {
        fail(e);
      }
    }

    private void connected() throws IOException {
      String host = uri.getHost() + ":" + uri.getPort();
      send(
          ("GET "
                  + uri.getRawPath()
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                  + key
                  + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
    }

    void ready(SelectionKey k, Frames frames) throws IOException {
      if (k.isConnectable()) {
        channel.finishConnect();
        k.interestOps(SelectionKey.OP_READ);
        connected();
      }
      if (k.isValid() && k.isWritable()) {
        flushOut();
      }
      if (k.isValid() && k.isReadable()) {
        read(frames);
      }
    }

    private void read(Frames frames) throws IOException {
      int n = channel.read(in);
      if (n < 0) {
        throw new IOException("closed by the relay");
      }
      in.flip();
      if (!upgraded && !handshake()) {
        in.compact();
        return;
      }
      walk(frames);
      if (in.remaining() == in.capacity()) { // one frame larger than the buffer
        ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
        bigger.put(in);
        in = bigger;
      } else {
        in.compact();
      }
    }

    /** Consumes the 101 response; false while it is incomplete. */
    private boolean handshake() throws IOException {
      byte[] a = in.array();
      int end = -1;
      for (int i = in.position(); i + 3 < in.limit(); i++) {
        if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
          end = i + 4;
          break;
        }
      }
      if (end < 0) {
        return false;
      }
      String head = new String(a, in.position(), end - in.position(), StandardCharsets.US_ASCII);
      if (!head.startsWith("HTTP/1.1 101") || !head.contains(accept(key))) {
        throw new IOException("websocket upgrade refused: " + head.replace("\r\n", " / "));
      }
      in.position(end);
      upgraded = true;
      if (signer == null) { // no NIP-42 (an attached relay): subscribe at once
        sendText(req);
      }
      return true;
    }

    /** Handles every complete frame in {@code in}; leaves a partial one in place. */
    private void walk(Frames frames) throws IOException {
      byte[] a = in.array();
      int p = in.position();
      int limit = in.limit();
      while (limit - p >= 2) {
        int b0 = a[p] & 0xff;
        int b1 = a[p + 1] & 0xff;
        if ((b1 & 0x80) != 0) {
          throw new IOException("masked frame from the server");
        }
        long len = b1 & 0x7f;
        int h = 2;
        if (len == 126) {
          if (limit - p < 4) {
            break;
          }
          len = ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
          h = 4;
        } else if (len == 127) {
          if (limit - p < 10) {
            break;
          }
          len = ByteBuffer.wrap(a, p + 2, 8).getLong();
          h = 10;
        }
        if (len > Integer.MAX_VALUE - 16 || limit - p - h < len) {
          break;
        }
        int off = p + h;
        int n = (int) len;
        p = off + n;
        boolean fin = (b0 & 0x80) != 0;
        switch (b0 & 0x0f) {
          case 1 -> {
            if (fin) {
              text(frames, a, off, n);
            } else {
              fragments = new java.io.ByteArrayOutputStream();
              fragments.write(a, off, n);
            }
          }
          case 0 -> {
            fragments.write(a, off, n);
            if (fin) {
              byte[] whole = fragments.toByteArray();
              fragments = null;
              text(frames, whole, 0, whole.length);
            }
          }
          case 8 -> throw new IOException("closed by the relay");
          case 9 -> send(frame(0x8a, java.util.Arrays.copyOfRange(a, off, off + n)));
          default -> {} // pong, binary: nothing to do
        }
      }
      in.position(p);
    }

    private void text(Frames frames, byte[] a, int off, int n) throws IOException {
      if (startsWith(a, off, n, EVENT)) {
        frames.onEvent(a, off, n);
        return;
      }
      String f = new String(a, off, n, StandardCharsets.UTF_8);
      if (f.startsWith("[\"AUTH\",\"") && signer != null) {
        String challenge = f.substring(9, f.indexOf('"', 9));
        Event auth = Nip42.authEvent(signer, uri.toString(), challenge);
        sendText(MessageCodec.encode(new ClientMessage.Auth(auth)));
      } else if (f.startsWith("[\"OK\",") && signer != null) {
        if (!f.contains(",true,")) {
          throw new IOException("AUTH refused: " + f);
        }
        sendText(req);
      } else if (f.startsWith("[\"EOSE\"")) {
        ready.complete(null);
      } else if (f.startsWith("[\"CLOSED\"")) {
        throw new IOException("REQ refused: " + f);
      }
    }

    private void sendText(String s) throws IOException {
      send(frame(0x81, s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A masked client frame ({@code b0}: FIN + opcode). */
    private static byte[] frame(int b0, byte[] payload) {
      int n = payload.length;
      int h = n < 126 ? 2 : n < 65536 ? 4 : 10;
      byte[] f = new byte[h + 4 + n];
      f[0] = (byte) b0;
      if (n < 126) {
        f[1] = (byte) (0x80 | n);
      } else if (n < 65536) {
        f[1] = (byte) (0x80 | 126);
        f[2] = (byte) (n >>> 8);
        f[3] = (byte) n;
      } else {
        f[1] = (byte) (0x80 | 127);
        ByteBuffer.wrap(f, 2, 8).putLong(n);
      }
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      System.arraycopy(mask, 0, f, h, 4);
      for (int i = 0; i < n; i++) {
        f[h + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
      }
      return f;
    }

    private void send(byte[] bytes) throws IOException {
      ByteBuffer next = ByteBuffer.allocate(out.remaining() + bytes.length);
      next.put(out).put(bytes).flip();
      out = next;
      flushOut();
    }

    private void flushOut() throws IOException {
      channel.write(out);
      int ops = SelectionKey.OP_READ | (out.hasRemaining() ? SelectionKey.OP_WRITE : 0);
      if (selectionKey.interestOps() != ops) {
        selectionKey.interestOps(ops);
      }
    }

    void fail(Throwable e) {
      ready.completeExceptionally(e);
    }

    void closeQuietly() {
      try {
        if (upgraded) {
          out = ByteBuffer.wrap(frame(0x88, new byte[] {0x03, (byte) 0xe8}));
          channel.write(out);
        }
        channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }

    private static boolean startsWith(byte[] a, int off, int n, byte[] prefix) {
      if (n < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if (a[off + i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }

    private static String accept(String key) {
      try {
        byte[] sha1 =
            MessageDigest.getInstance("SHA-1")
                .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(sha1);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
