package org.hearth.relay.ws;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;

/**
 * The Vert.x websocket under a WebSockets Next connection. Writing to it directly costs one Netty
 * write per frame; {@link WebSocketConnection#sendText} wraps each frame in a Mutiny {@code Uni}
 * (plus a context capture on subscribe), which was a measurable part of fan-out CPU
 * (docs/benchmarks.md). WebSockets Next keeps the socket package-private, so it is reached by
 * reflection once; when that fails (another Quarkus version), callers fall back to {@code
 * sendText}.
 */
final class VertxSocket {
  private static final Logger LOG = Logger.getLogger(VertxSocket.class);
  private static final MethodHandle WEB_SOCKET = find();

  private VertxSocket() {}

  /** The connection's Vert.x socket, or null when it cannot be reached. */
  static WebSocketBase of(WebSocketConnection connection) {
    if (WEB_SOCKET == null) {
      return null;
    }
    try {
      return (WebSocketBase) WEB_SOCKET.invoke(connection);
    } catch (Throwable e) {
      return null;
    }
  }

  private static MethodHandle find() {
    try {
      Class<?> base =
          Class.forName(
              "io.quarkus.websockets.next.runtime.WebSocketConnectionBase",
              false,
              WebSocketConnection.class.getClassLoader());
      Method m = base.getDeclaredMethod("webSocket");
      m.setAccessible(true);
      return MethodHandles.lookup().unreflect(m);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.infof("writing frames through WebSocketConnection.sendText (%s)", e.toString());
      return null;
    }
  }
}
