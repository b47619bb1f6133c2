package org.hearth.nostr.nip86;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Utf8;
import org.hearth.nostr.event.EventJson;

/**
 * Strict JSON for NIP-86. A request is an object with a non-empty string {@code method} and an
 * array {@code params} (an absent {@code params} means none); the JSON-RPC fields {@code id} and
 * {@code jsonrpc} are tolerated, any other field, a duplicate field, trailing content or a body
 * over {@link Nip86#MAX_BODY_BYTES} is refused with a {@link Nip86Exception} saying why.
 */
public final class Nip86Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder(EventJson.FACTORY.copy())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  private static final Set<String> REQUEST_FIELDS = Set.of("method", "params", "id", "jsonrpc");
  private static final int MAX_METHOD_LENGTH = 64;

  private Nip86Json() {}

  /** Decodes a request body (UTF-8). */
  public static Nip86Request decodeRequest(byte[] body) {
    if (body == null || body.length == 0) {
      throw new Nip86Exception("request body is empty");
    }
    if (body.length > Nip86.MAX_BODY_BYTES) {
      throw new Nip86Exception("request body is larger than " + Nip86.MAX_BODY_BYTES + " bytes");
    }
    String text;
    try {
      text = Utf8.decodeStrict(body, "request body");
    } catch (DecodeException e) {
      throw new Nip86Exception(e.getMessage());
    }
    return decodeRequest(text);
  }

  /** Decodes a request body. */
  public static Nip86Request decodeRequest(String json) {
    JsonNode root = parse(json, "request");
    if (!root.isObject()) {
      throw new Nip86Exception("request must be a JSON object, was " + describe(root));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!REQUEST_FIELDS.contains(f)) {
        throw new Nip86Exception("request has an unknown field \"" + shorten(f) + "\"");
      }
    }
    JsonNode method = root.get("method");
    if (method == null || method.isNull()) {
      throw new Nip86Exception("request has no \"method\"");
    }
    if (!method.isTextual()) {
      throw new Nip86Exception("\"method\" must be a string, was " + describe(method));
    }
    String name = method.textValue();
    if (name.isEmpty() || name.length() > MAX_METHOD_LENGTH) {
      throw new Nip86Exception("\"method\" must be 1 to " + MAX_METHOD_LENGTH + " characters");
    }
    JsonNode params = root.get("params");
    List<JsonNode> list = new ArrayList<>();
    if (params != null && !params.isNull()) {
      if (!params.isArray()) {
        throw new Nip86Exception("\"params\" must be an array, was " + describe(params));
      }
      params.forEach(list::add);
    }
    return new Nip86Request(name, list);
  }

  /** Decodes a response body; unknown fields are ignored, types are checked. */
  public static Nip86Response decodeResponse(String json) {
    if (json == null || json.isEmpty()) {
      throw new Nip86Exception("response body is empty");
    }
    if (json.length() > Nip86.MAX_BODY_BYTES) {
      throw new Nip86Exception("response body is larger than " + Nip86.MAX_BODY_BYTES + " bytes");
    }
    JsonNode root = parse(json, "response");
    if (!root.isObject()) {
      throw new Nip86Exception("response must be a JSON object, was " + describe(root));
    }
    JsonNode error = root.get("error");
    Optional<String> message = Optional.empty();
    if (error != null && !error.isNull()) {
      if (!error.isTextual()) {
        throw new Nip86Exception("\"error\" must be a string, was " + describe(error));
      }
      message = Optional.of(error.textValue());
    }
    JsonNode result = root.get("result");
    if (result == null && message.isEmpty()) {
      throw new Nip86Exception("response has neither \"result\" nor \"error\"");
    }
    return new Nip86Response(result, message);
  }

  static String write(Nip86Request r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("method", r.method());
    ArrayNode a = o.putArray("params");
    r.params().forEach(a::add);
    return o.toString();
  }

  static String write(Nip86Response r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.set("result", r.result());
    r.error().ifPresent(e -> o.put("error", e));
    return o.toString();
  }

  /**
   * A JSON value for a Java one: {@link JsonNode} as is; String, Number, Boolean, null, {@link
   * List} and {@link Map} (string keys) converted; {@link Optional} as its content or null.
   */
  public static JsonNode value(Object v) {
    if (v instanceof Optional<?> o) {
      return value(o.orElse(null));
    }
    return v instanceof JsonNode n ? n : MAPPER.valueToTree(v);
  }

  /** The UTF-8 bytes of a body. */
  public static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode parse(String json, String what) {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || n.isMissingNode()) {
        throw new Nip86Exception(what + " body is empty");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new Nip86Exception(what + " is not valid JSON: " + firstLine(e.getOriginalMessage()));
    }
  }

  static String describe(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary";
    };
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return shorten(nl < 0 ? s : s.substring(0, nl));
  }

  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
