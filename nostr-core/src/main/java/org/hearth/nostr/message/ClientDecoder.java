package org.hearth.nostr.message;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.filter.Filter;

/** Decodes what a client sends: EVENT, REQ, CLOSE, AUTH, COUNT. */
final class ClientDecoder {
  private ClientDecoder() {}

  static ClientMessage decode(WireReader r) throws IOException {
    return switch (r.type()) {
      case "EVENT" -> {
        var m = new ClientMessage.Publish(r.arity(2).event());
        r.end();
        yield m;
      }
      case "REQ" -> {
        r.atLeast(3);
        yield new ClientMessage.Req(r.subscriptionId(), filters(r));
      }
      case "CLOSE" -> {
        var m = new ClientMessage.Close(r.arity(2).subscriptionId());
        r.end();
        yield m;
      }
      case "AUTH" -> {
        var m = new ClientMessage.Auth(r.arity(2).event());
        r.end();
        yield m;
      }
      case "COUNT" -> {
        r.atLeast(3);
        yield new ClientMessage.Count(r.subscriptionId(), filters(r));
      }
      default ->
          throw new DecodeException(
              "unknown message type '"
                  + MessageCodec.abbreviate(r.type())
                  + "' (a client sends EVENT, REQ, CLOSE, AUTH or COUNT)");
    };
  }

  /** One or more filters up to the end of the message. */
  private static List<Filter> filters(WireReader r) throws IOException {
    List<Filter> out = new ArrayList<>();
    while (r.hasMore()) {
      out.add(r.filter(out.size() + 1));
    }
    if (out.isEmpty()) {
      throw r.error("at least one filter is required");
    }
    r.finish();
    return out;
  }
}
