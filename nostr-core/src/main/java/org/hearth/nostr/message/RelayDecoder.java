package org.hearth.nostr.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Hex;

/** Decodes what a relay sends: EVENT, OK, EOSE, CLOSED, NOTICE, AUTH, COUNT. */
final class RelayDecoder {
  private RelayDecoder() {}

  static RelayMessage decode(WireReader r) throws IOException {
    RelayMessage m =
        switch (r.type()) {
          case "EVENT" -> new RelayMessage.Delivery(r.arity(3).subscriptionId(), r.event());
          case "OK" -> ok(r.arity(4));
          case "EOSE" -> new RelayMessage.Eose(r.arity(2).subscriptionId());
          case "CLOSED" ->
              new RelayMessage.Closed(r.arity(3).subscriptionId(), r.string("message"));
          case "NOTICE" -> new RelayMessage.Notice(r.arity(2).string("message"));
          case "AUTH" -> new RelayMessage.AuthChallenge(r.arity(2).string("challenge"));
          case "COUNT" -> count(r.arity(3));
          default ->
              throw new DecodeException(
                  "unknown message type '"
                      + MessageCodec.abbreviate(r.type())
                      + "' (a relay sends EVENT, OK, EOSE, CLOSED, NOTICE, AUTH or COUNT)");
        };
    r.end();
    return m;
  }

  private static RelayMessage.Ok ok(WireReader r) throws IOException {
    String id = r.string("event id");
    if (!Hex.isLowerHex(id, 32)) {
      throw r.error("event id must be 64 lower-case hex characters");
    }
    boolean accepted = r.bool("the accepted flag");
    return new RelayMessage.Ok(id, accepted, r.string("message"));
  }

  /** {@code {"count": n, "approximate"?: bool, "hll"?: hex}} (NIP-45; hll is checked, dropped). */
  private static RelayMessage.CountResult count(WireReader r) throws IOException {
    String sub = r.subscriptionId();
    if (r.raw() != JsonToken.START_OBJECT) {
      throw r.error("the result must be a JSON object");
    }
    JsonParser p = r.parser();
    Long count = null;
    Boolean approximate = null;
    String hll = null;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      String key = p.currentName();
      JsonToken v = p.nextToken();
      switch (key) {
        case "count" -> {
          if (count != null) throw r.error("duplicate key 'count'");
          if (v != JsonToken.VALUE_NUMBER_INT
              || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              || p.getLongValue() < 0) {
            throw r.error("'count' must be a non-negative integer");
          }
          count = p.getLongValue();
        }
        case "approximate" -> {
          if (approximate != null) throw r.error("duplicate key 'approximate'");
          if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
            throw r.error("'approximate' must be true or false");
          }
          approximate = v == JsonToken.VALUE_TRUE;
        }
        case "hll" -> {
          if (hll != null) throw r.error("duplicate key 'hll'");
          if (v != JsonToken.VALUE_STRING || !Hex.isLowerHex(p.getText(), 256)) {
            throw r.error("'hll' must be 512 lower-case hex characters");
          }
          hll = p.getText();
        }
        default ->
            throw r.error(
                "unknown key '"
                    + MessageCodec.abbreviate(key)
                    + "' in the result (expected count, approximate, hll)");
      }
    }
    if (count == null) {
      throw r.error("the result has no 'count'");
    }
    return new RelayMessage.CountResult(sub, count, approximate != null && approximate);
  }
}
