package org.hearth.nostr.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventJson;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.filter.FilterJson;

/**
 * Reads the elements of one wire message (a JSON array) in order, checking arity and types and
 * prefixing every error with the message type, e.g. {@code REQ: filter 2: 'limit' must be ...}.
 */
final class WireReader {
  static final int MAX_SUBSCRIPTION_ID = 64;

  private final JsonParser p;
  private final String type;
  private int count = 1;
  private int expected;
  private boolean variadic;
  private JsonToken pending;

  private WireReader(JsonParser p, String type) {
    this.p = p;
    this.type = type;
  }

  /** Reads {@code [ "<TYPE>"} from the parser and returns a reader positioned after it. */
  static WireReader open(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      throw new DecodeException("a message must be a JSON array");
    }
    JsonToken t = p.nextToken();
    if (t == JsonToken.END_ARRAY) {
      throw new DecodeException("a message must not be an empty array");
    }
    if (t != JsonToken.VALUE_STRING) {
      throw new DecodeException("the first element of a message must be its type as a string");
    }
    return new WireReader(p, p.getText());
  }

  String type() {
    return type;
  }

  /** This message has exactly {@code n} elements, the type included. */
  WireReader arity(int n) {
    expected = n;
    variadic = false;
    return this;
  }

  /** This message has at least {@code n} elements, the type included. */
  WireReader atLeast(int n) {
    expected = n;
    variadic = true;
    return this;
  }

  DecodeException error(String what) {
    return new DecodeException(type + ": " + what);
  }

  private JsonToken next() throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.END_ARRAY) {
      throw error(arityText() + ", got " + count);
    }
    count++;
    return t;
  }

  private String arityText() {
    return "expected " + (variadic ? "at least " : "") + expected + " elements";
  }

  /** True (consuming the end) when the array ends here; used for variadic messages. */
  boolean hasMore() throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.END_ARRAY) {
      return false;
    }
    count++;
    pending = t;
    return true;
  }

  private JsonToken take() throws IOException {
    if (pending != null) {
      JsonToken t = pending;
      pending = null;
      return t;
    }
    return next();
  }

  String subscriptionId() throws IOException {
    if (take() != JsonToken.VALUE_STRING) {
      throw error("subscription id must be a string");
    }
    String id = p.getText();
    if (id.isEmpty()) {
      throw error("subscription id must not be empty");
    }
    if (id.length() > MAX_SUBSCRIPTION_ID) {
      throw error(
          "subscription id must be at most "
              + MAX_SUBSCRIPTION_ID
              + " characters, got "
              + id.length());
    }
    return id;
  }

  String string(String what) throws IOException {
    if (take() != JsonToken.VALUE_STRING) {
      throw error(what + " must be a string");
    }
    return p.getText();
  }

  boolean bool(String what) throws IOException {
    JsonToken t = take();
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw error(what + " must be true or false");
    }
    return t == JsonToken.VALUE_TRUE;
  }

  Event event() throws IOException {
    if (take() != JsonToken.START_OBJECT) {
      throw error("the event must be a JSON object");
    }
    try {
      return EventJson.read(p);
    } catch (DecodeException e) {
      throw new DecodeException(type + ": " + e.getMessage(), e);
    }
  }

  /** Reads filter number {@code n} (1-based). */
  Filter filter(int n) throws IOException {
    try {
      return FilterJson.read(p, take());
    } catch (DecodeException e) {
      throw new DecodeException(type + ": filter " + n + ": " + e.getMessage(), e);
    }
  }

  /** Positions the parser on the value of the next element and returns its first token. */
  JsonToken raw() throws IOException {
    return take();
  }

  JsonParser parser() {
    return p;
  }

  /** Requires the array to end here and nothing to follow it. */
  void end() throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.END_ARRAY) {
      int total = count + 1;
      p.skipChildren();
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        total++;
        p.skipChildren();
      }
      throw error(arityText() + ", got " + total);
    }
    finish();
  }

  /** Requires nothing to follow the message array (already closed). */
  void finish() throws IOException {
    if (p.nextToken() != null) {
      throw new DecodeException("unexpected content after the message");
    }
  }
}
