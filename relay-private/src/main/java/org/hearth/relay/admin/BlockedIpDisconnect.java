package org.hearth.relay.admin;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.nostr.nip86.IpLiteral;
import org.jboss.logging.Logger;

/**
 * Closes the open websockets of a relay that come from an address an admin just blocked, so the
 * block takes effect at once and not only for new connections ({@link BlockedIpCheck}).
 */
@ApplicationScoped
public class BlockedIpDisconnect {
  private static final Logger LOG = Logger.getLogger(BlockedIpDisconnect.class);
  private final OpenConnections connections;

  public BlockedIpDisconnect(OpenConnections connections) {
    this.connections = connections;
  }

  /** Sends a {@code blocked:} NOTICE to, then closes, every connection to {@code relay} from ip. */
  public int disconnect(String relay, String ip) {
    Optional<String> blocked = IpLiteral.canonical(ip);
    if (blocked.isEmpty()) {
      return 0;
    }
    String notice =
        MessageCodec.encode(new RelayMessage.Notice("blocked: your address is blocked here"));
    int closed = 0;
    for (WebSocketConnection c : connections.listAll()) {
      if (relay.equals(c.pathParam("relay")) && blocked.equals(remoteHost(c))) {
        c.sendText(notice).onTermination().call(c::close).subscribe().with(v -> {}, e -> {});
        closed++;
      }
    }
    if (closed > 0) {
      LOG.infof("/%s: closed %d connection(s) from a blocked address", relay, closed);
    }
    return closed;
  }

  /** The canonical remote IP of a connection ({@code host:port}, IPv6 possibly bracketed). */
  private static Optional<String> remoteHost(WebSocketConnection c) {
    String remote = c.handshakeRequest().remoteAddress();
    if (remote == null) {
      return Optional.empty();
    }
    int colon = remote.lastIndexOf(':');
    String host = colon > 0 ? remote.substring(0, colon) : remote;
    return IpLiteral.canonical(host.replace("[", "").replace("]", ""));
  }
}
