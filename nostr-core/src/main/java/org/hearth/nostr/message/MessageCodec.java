package org.hearth.nostr.message;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.event.EventJson;

/**
 * Strict codec for the NIP-01 wire messages in both directions. Decoding throws {@link
 * DecodeException} whose message says precisely what is wrong, prefixed with the message type, e.g.
 * {@code REQ: filter 2: 'limit' must be a non-negative integer} (filters are numbered from 1).
 *
 * <p>Decoding checks the exact arity and the type of every element, subscription ids (non-empty, at
 * most 64 characters), filters ({@link org.hearth.nostr.filter.FilterJson}) and the shape of events
 * as JSON. It does not check event ids or signatures: that is {@link
 * org.hearth.nostr.event.Event#validate()}'s job, so that a relay can answer {@code OK false}.
 */
public final class MessageCodec {
  /**
   * The longest subscription id a decoder accepts (characters; NIP-11 {@code max_subid_length}).
   */
  public static final int MAX_SUBSCRIPTION_ID = WireReader.MAX_SUBSCRIPTION_ID;

  private MessageCodec() {}

  /** Decodes a frame a client sent: EVENT, REQ, CLOSE, AUTH or COUNT. */
  public static ClientMessage decodeClient(String frame) {
    return decode(frame, ClientDecoder::decode);
  }

  /** Decodes a frame a relay sent: EVENT, OK, EOSE, CLOSED, NOTICE, AUTH or COUNT. */
  public static RelayMessage decodeRelay(String frame) {
    return decode(frame, RelayDecoder::decode);
  }

  private interface Body<T> {
    T read(WireReader reader) throws IOException;
  }

  private static <T> T decode(String frame, Body<T> body) {
    if (frame == null) {
      throw new DecodeException("message is null");
    }
    try (JsonParser p = EventJson.FACTORY.createParser(frame)) {
      return body.read(WireReader.open(p));
    } catch (IOException e) {
      throw new DecodeException("malformed JSON: " + EventJson.shortMessage(e), e);
    }
  }

  public static String encode(ClientMessage message) {
    return MessageWriter.write(message);
  }

  public static String encode(RelayMessage message) {
    return MessageWriter.write(message);
  }

  static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
