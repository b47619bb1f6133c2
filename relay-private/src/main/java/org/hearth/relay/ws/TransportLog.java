package org.hearth.relay.ws;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Says at startup which Netty transport the websockets run on: epoll (native, asked for by {@code
 * quarkus.vertx.prefer-native-transport}) or NIO, the fallback when the native library cannot load,
 * with the reason as a warning.
 */
@ApplicationScoped
class TransportLog {
  private static final Logger LOG = Logger.getLogger(TransportLog.class);

  void onStart(@Observes StartupEvent event, Vertx vertx) {
    if (vertx.isNativeTransportEnabled()) {
      LOG.info("Netty transport: native (epoll)");
    } else {
      Throwable why = vertx.unavailableNativeTransportCause();
      LOG.warnf("Netty transport: NIO (native transport unavailable: %s)", why);
    }
  }
}
