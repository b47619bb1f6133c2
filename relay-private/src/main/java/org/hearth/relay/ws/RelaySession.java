package org.hearth.relay.ws;

import io.netty.channel.ChannelHandlerContext;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.access.LiveReads;
import org.hearth.relay.access.ReadAccess;
import org.hearth.relay.access.ReadableEvent;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.fanout.DeliveryBatch;
import org.hearth.relay.fanout.LiveSubscription;
import org.hearth.relay.fanout.OutgoingEvent;
import org.hearth.relay.fanout.Subscriber;
import org.hearth.relay.limits.TokenBucket;
import org.jboss.logging.Logger;

/**
 * One client connection on one relay: its NIP-42 challenge and authenticated keys, its open
 * subscriptions, and a bounded queue of live deliveries (a reader that falls {@code outboundQueue}
 * live frames behind is sent a NOTICE and disconnected, so it never stalls anyone else). A live
 * frame counts as pending until the {@link Outbox} hands it to the channel, which it does only
 * while the channel is writable (Netty's outbound buffer below its high-water mark).
 */
public final class RelaySession implements Subscriber {
  private static final Logger LOG = Logger.getLogger(RelaySession.class);

  private final WebSocketConnection connection;

  /** Every frame to the client, in order, one flush per batch; null: {@code sendText} per frame. */
  private final Outbox outbox;

  private final RelaySettings relay;
  private final String challenge;
  private final String connectedUrl;
  private final ReadAccess access;
  private final LiveReads liveReads;
  private final int maxPending;
  private final TokenBucket bucket;
  private final TokenBucket reqBucket;
  private final Set<String> authed = ConcurrentHashMap.newKeySet();
  private volatile Set<String> authedSnapshot = Set.of();
  private final Map<String, LiveSubscription> subscriptions = new ConcurrentHashMap<>();
  private static final AtomicIntegerFieldUpdater<RelaySession> LIVE_PENDING =
      AtomicIntegerFieldUpdater.newUpdater(RelaySession.class, "livePending");

  /** Live frames queued and not yet handed to the channel (a field: no object per session). */
  private volatile int livePending;

  private final Runnable liveWritten = () -> LIVE_PENDING.decrementAndGet(this);
  private volatile boolean dropped;
  private volatile CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null);

  /** When the frame being handled arrived ({@link ReqStages}; 0 when not recording). */
  private long arrived;

  RelaySession(
      WebSocketConnection connection,
      RelaySettings relay,
      String challenge,
      String connectedUrl,
      ReadAccess access,
      int maxPending,
      TokenBucket bucket,
      TokenBucket reqBucket) {
    this.bucket = bucket;
    this.reqBucket = reqBucket;
    this.connection = connection;
    ChannelHandlerContext channel = connection.userData().get(ConnectionChannel.KEY);
    this.outbox = channel == null ? null : new Outbox(channel);
    this.relay = relay;
    this.challenge = challenge;
    this.connectedUrl = connectedUrl;
    this.access = access;
    this.maxPending = maxPending;
    this.liveReads = access.liveReads(relay, authed);
  }

  @Override
  public String relay() {
    return relay.path();
  }

  RelaySettings settings() {
    return relay;
  }

  /** True when this connection may publish one more event now. */
  boolean allowEvent() {
    return bucket.tryTake(System.nanoTime());
  }

  /** True when this connection may open one more REQ or COUNT now. */
  boolean allowReq() {
    return reqBucket.tryTake(System.nanoTime());
  }

  String challenge() {
    return challenge;
  }

  String connectedUrl() {
    return connectedUrl;
  }

  /** The keys authenticated on this connection (live view). */
  Set<String> authed() {
    return authed;
  }

  /** Adds a key authenticated on this connection. */
  void authenticate(String pubkey) {
    authed.add(pubkey);
    authedSnapshot = Set.copyOf(authed);
  }

  /** An immutable copy of {@link #authed}, made once per AUTH rather than per EVENT. */
  Set<String> authedSnapshot() {
    return authedSnapshot;
  }

  Map<String, LiveSubscription> subscriptions() {
    return subscriptions;
  }

  /** The read check of a live event or a stored row ({@link ReadAccess}: one rule for both). */
  boolean canRead(ReadableEvent e) {
    return access.canRead(relay, authed, e, System.currentTimeMillis() / 1000);
  }

  /**
   * The live check: {@link ReadAccess#canRead}'s answer, with the membership part remembered per
   * kind until a grant changes, a key authenticates or one of its grants expires ({@link
   * LiveReads}).
   */
  boolean canReadLive(ReadableEvent e) {
    return liveReads.canRead(e, System.currentTimeMillis() / 1000);
  }

  @Override
  public void deliverLive(LiveSubscription subscription, OutgoingEvent event, DeliveryBatch batch) {
    if (subscription.closed() || dropped || !canReadLive(event.readable())) {
      return;
    }
    if (LIVE_PENDING.incrementAndGet(this) > maxPending) {
      drop();
      return;
    }
    if (outbox != null) {
      outbox.live(subscription.framePrefixUtf8(), event, liveWritten, batch);
      return;
    }
    connection
        .sendText(subscription.frame(event.json()))
        .subscribe()
        .with(v -> liveWritten.run(), err -> liveWritten.run());
  }

  /**
   * Sends an answer (OK, EOSE, stored events...). Answers are bounded by what the client asked for;
   * only live deliveries, which a client does not pace, count against the outbound queue.
   */
  void send(RelayMessage message) {
    sendText(MessageCodec.encode(message));
  }

  /**
   * {@code ["OK","<id>",true,""]}, the answer to nearly every EVENT, without the general encoder;
   * {@code eventId} is 64 lower-case hex characters (checked before anything is stored), so it
   * needs no escaping.
   */
  void sendAccepted(String eventId) {
    sendText(acceptedFrame(eventId));
  }

  /** {@code MessageCodec.encode(RelayMessage.Ok.accepted(eventId))} for a lower-hex id. */
  static String acceptedFrame(String eventId) {
    return "[\"OK\",\"" + eventId + "\",true,\"\"]";
  }

  /** {@link #send} of an already encoded frame. */
  void sendText(String frame) {
    if (dropped) {
      return;
    }
    if (outbox != null) {
      outbox.text(frame);
      return;
    }
    connection.sendText(frame).subscribe().with(v -> {}, err -> {});
  }

  /**
   * {@link #sendText} of the frame {@code head + body + "]"}, all UTF-8: a stored event in its REQ
   * answer, without decoding and re-encoding its JSON.
   */
  void sendSpliced(byte[] head, byte[] body) {
    if (dropped) {
      return;
    }
    if (outbox != null) {
      outbox.spliced(head, body);
      return;
    }
    byte[] frame = Arrays.copyOf(head, head.length + body.length + 1);
    System.arraycopy(body, 0, frame, head.length, body.length);
    frame[frame.length - 1] = ']';
    sendText(new String(frame, StandardCharsets.UTF_8));
  }

  /** Too slow: tell it why and close. */
  private void drop() {
    synchronized (this) {
      if (dropped) {
        return;
      }
      dropped = true;
    }
    LOG.infof("dropping slow reader %s on /%s", connection.id(), relay.path());
    String notice =
        MessageCodec.encode(
            new RelayMessage.Notice(
                "error: you read too slowly (" + maxPending + " frames queued); closing"));
    if (outbox != null) {
      outbox.discardLive();
      outbox.text(notice);
      outbox.then(() -> connection.close().subscribe().with(v -> {}, err -> {}));
      return;
    }
    connection
        .sendText(notice)
        .chain(() -> connection.close())
        .subscribe()
        .with(v -> {}, err -> {});
  }

  /** Notes the arrival time of the frame about to be handled (only while {@link ReqStages#on}). */
  void arrived(long nanos) {
    arrived = nanos;
  }

  /** The arrival time noted for the current frame, once (0 when none was noted). */
  long takeArrived() {
    long a = arrived;
    arrived = 0;
    return a;
  }

  /** Runs {@code action} once every frame queued before it has been flushed to the channel. */
  void afterFlush(Runnable action) {
    if (outbox != null) {
      outbox.then(action);
    } else {
      action.run();
    }
  }

  /** Remembers the newest write of this connection (writes commit in order). */
  void wrote(CompletableFuture<?> write) {
    lastWrite = write;
  }

  /**
   * Runs {@code action} once every EVENT this connection sent before now is committed (or failed),
   * so a client that publishes and then queries sees its own events: at once, on this thread, when
   * none is pending (the common case: one volatile read, nothing allocated); otherwise when the
   * last one completes, back on the calling Vert.x context (the connection's event loop) when there
   * is one.
   */
  void afterWrites(Runnable action) {
    CompletableFuture<?> last = lastWrite;
    if (last.isDone()) {
      action.run();
      return;
    }
    Context context = Vertx.currentContext();
    last.whenComplete(
        (r, e) -> {
          if (context == null) {
            action.run();
          } else {
            context.runOnContext(v -> action.run());
          }
        });
  }

  boolean dropped() {
    return dropped;
  }
}
