package org.hearth.relay.ws;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.access.ReadAccess;
import org.hearth.relay.config.RelayConfig;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Relays;
import org.hearth.relay.limits.RateLimits;
import org.hearth.relay.metrics.RelayMetrics;
import org.jboss.logging.Logger;

/**
 * The websocket of every relay, at {@code /<relay>}. Unknown relays are refused before the upgrade
 * ({@link KnownRelayCheck}). Handlers return at once (work continues asynchronously), so a client
 * may keep many EVENTs in flight on one connection.
 */
@WebSocket(path = "/{relay}")
public class RelayEndpoint {
  private static final Logger LOG = Logger.getLogger(RelayEndpoint.class);
  private final SecureRandom random = new SecureRandom();
  private final Map<String, RelaySession> sessions = new ConcurrentHashMap<>();
  private final Relays relays;
  private final RelayProtocol protocol;
  private final ReadHandler reads;
  private final ReadAccess access;
  private final RelayConfig config;
  private final RateLimits rateLimits;

  public RelayEndpoint(
      Relays relays,
      RelayProtocol protocol,
      ReadHandler reads,
      ReadAccess access,
      RelayConfig config,
      RelayMetrics metrics,
      RateLimits rateLimits) {
    this.rateLimits = rateLimits;
    metrics.connections(sessions::size);
    this.relays = relays;
    this.protocol = protocol;
    this.reads = reads;
    this.access = access;
    this.config = config;
  }

  @OnOpen
  public Uni<Void> onOpen(WebSocketConnection connection) {
    RelaySettings relay = relays.find(connection.pathParam("relay")).orElse(null);
    if (relay == null) {
      return connection.close();
    }
    byte[] b = new byte[16];
    random.nextBytes(b);
    String host = connection.handshakeRequest().header("Host");
    String url =
        "ws://"
            + (host == null ? connection.handshakeRequest().host() : host)
            + connection.handshakeRequest().path();
    RelaySession s =
        new RelaySession(
            connection,
            relay,
            HexFormat.of().formatHex(b),
            url,
            access,
            config.limits().outboundQueue(),
            rateLimits.newConnectionBucket(),
            rateLimits.newReqBucket());
    sessions.put(connection.id(), s);
    protocol.onOpen(s);
    return Uni.createFrom().voidItem();
  }

  @OnTextMessage
  public Uni<Void> onMessage(WebSocketConnection connection, String frame) {
    RelaySession s = sessions.get(connection.id());
    if (s != null) {
      if (ReqStages.on()) {
        s.arrived(System.nanoTime());
      }
      try {
        protocol.onFrame(s, frame);
      } catch (RuntimeException e) {
        LOG.warnf(e, "unexpected failure on a frame from %s", connection.id());
        s.send(new RelayMessage.Notice("error: the relay could not process this message"));
      }
    }
    return Uni.createFrom().voidItem();
  }

  @OnClose
  public void onClose(WebSocketConnection connection) {
    RelaySession s = sessions.remove(connection.id());
    if (s != null) {
      reads.closeAll(s);
    }
  }

  @OnError
  public Uni<Void> onError(WebSocketConnection connection, Throwable error) {
    LOG.warnf(error, "websocket error on %s", connection.id());
    RelaySession s = sessions.get(connection.id());
    if (s != null) {
      String message = String.valueOf(error.getMessage());
      s.send(
          new RelayMessage.Notice(
              message.contains("max message size")
                  ? "invalid: message larger than the websocket limit"
                  : "error: " + error.getClass().getSimpleName()));
    }
    return Uni.createFrom().voidItem();
  }

  /** Open connections (for health and metrics). */
  public int connections() {
    return sessions.size();
  }
}
