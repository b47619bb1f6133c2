package org.hearth.relay.ws;

import io.netty.channel.ChannelHandlerContext;
import io.quarkus.websockets.next.UserData;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Hands the Netty channel of a websocket from its HTTP upgrade ({@link KnownRelayCheck}) to the
 * connection ({@link RelayEndpoint}) through the connection's {@link UserData}, so that {@link
 * Outbox} can write frames without a flush each. The upgrade request's Vert.x connection is the one
 * the websocket keeps. Should a Vert.x version hide it, nothing is stored and the session writes
 * through {@code WebSocketConnection.sendText} instead (slower, same frames).
 */
final class ConnectionChannel {
  static final UserData.TypedKey<ChannelHandlerContext> KEY =
      new UserData.TypedKey<>("hearth.relay.channel");

  private ConnectionChannel() {}

  /** Stores the request's channel context in {@code data}, when it can be reached. */
  static void capture(HttpServerRequest request, UserData data) {
    if (request.connection() instanceof ConnectionBase c) {
      data.put(KEY, c.channelHandlerContext());
    }
  }
}
