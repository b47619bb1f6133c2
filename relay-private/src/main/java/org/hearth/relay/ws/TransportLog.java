package org.hearth.relay.ws;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Says at startup which Netty transport the websockets run on. With {@code
 * quarkus.vertx.prefer-native-transport} (on by default) Vert.x takes epoll (or io_uring, were its
 * transport on the class path; see relay-private/README.md for why it is not), else NIO: the
 * fallback when no native library can load, logged as a warning with the reason.
 */
@ApplicationScoped
class TransportLog {
  private static final Logger LOG = Logger.getLogger(TransportLog.class);

  void onStart(@Observes StartupEvent event, Vertx vertx) {
    if (vertx.isNativeTransportEnabled()) {
      LOG.infof("Netty transport: native (%s)", name(vertx));
    } else {
      Throwable why = vertx.unavailableNativeTransportCause();
      LOG.warnf("Netty transport: NIO (native transport unavailable: %s)", why);
    }
  }

  /** {@code io_uring}, {@code epoll}, … from the transport Vert.x chose. */
  static String name(Vertx vertx) {
    String type =
        vertx instanceof VertxInternal v
            ? v.transport().getClass().getSimpleName()
            : vertx.getClass().getSimpleName();
    return switch (type) {
      case "IOUringTransport" -> "io_uring";
      case "EpollTransport" -> "epoll";
      case "KQueueTransport" -> "kqueue";
      default -> type;
    };
  }
}
