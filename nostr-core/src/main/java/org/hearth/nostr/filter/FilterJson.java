package org.hearth.nostr.filter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Hex;
import org.hearth.nostr.event.EventJson;

/**
 * Strict reading and compact writing of NIP-01 filters. Reading rejects every key and value NIP-01
 * does not define: {@code ids}/{@code authors} are 64 lower-case hex characters, {@code kinds} are
 * integers in 0..65535, {@code #x} keys name a single letter a-z/A-Z and hold strings, {@code
 * since}/{@code until}/{@code limit} are non-negative integers, {@code search} is a string.
 * Messages name the key, e.g. {@code 'limit' must be a non-negative integer}.
 */
public final class FilterJson {
  private FilterJson() {}

  /** Parses exactly one filter object; trailing content is an error. */
  public static Filter parse(String json) {
    if (json == null) {
      throw new DecodeException("filter JSON is null");
    }
    try (JsonParser p = EventJson.FACTORY.createParser(json)) {
      Filter f = read(p, p.nextToken());
      if (p.nextToken() != null) {
        throw new DecodeException("unexpected content after the filter object");
      }
      return f;
    } catch (IOException ex) {
      throw new DecodeException("malformed filter JSON: " + EventJson.shortMessage(ex), ex);
    }
  }

  /** Reads a filter whose first token {@code first} the parser has just returned. */
  public static Filter read(JsonParser p, JsonToken first) throws IOException {
    if (first != JsonToken.START_OBJECT) {
      throw new DecodeException("a filter must be a JSON object");
    }
    Set<String> ids = null;
    Set<String> authors = null;
    Set<Integer> kinds = null;
    Map<String, Set<String>> tags = new HashMap<>();
    Long since = null;
    Long until = null;
    Long limit = null;
    String search = null;
    Set<String> seen = new HashSet<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      if (t != JsonToken.FIELD_NAME) {
        throw new DecodeException("malformed filter object");
      }
      String key = p.currentName();
      if (!seen.add(key)) {
        throw new DecodeException("duplicate key '" + key + "'");
      }
      JsonToken v = p.nextToken();
      switch (key) {
        case "ids" -> ids = hexSet(p, v, key);
        case "authors" -> authors = hexSet(p, v, key);
        case "kinds" -> kinds = kinds(p, v);
        case "since" -> since = nonNegative(p, v, key);
        case "until" -> until = nonNegative(p, v, key);
        case "limit" -> limit = nonNegative(p, v, key);
        case "search" -> {
          if (v != JsonToken.VALUE_STRING) {
            throw new DecodeException("'search' must be a string");
          }
          search = p.getText();
        }
        default -> {
          if (!isTagKey(key)) {
            throw new DecodeException(
                "unknown key '"
                    + abbreviate(key)
                    + "' (expected ids, authors, kinds, #<letter>, since, until, limit, search)");
          }
          tags.put(key.substring(1), stringSet(p, v, key));
        }
      }
    }
    if (limit != null && limit > Integer.MAX_VALUE) {
      throw new DecodeException("'limit' must be at most " + Integer.MAX_VALUE);
    }
    return new Filter(
        ids,
        authors,
        kinds,
        tags,
        since == null ? OptionalLong.empty() : OptionalLong.of(since),
        until == null ? OptionalLong.empty() : OptionalLong.of(until),
        limit == null ? OptionalInt.empty() : OptionalInt.of(limit.intValue()),
        Optional.ofNullable(search));
  }

  private static boolean isTagKey(String key) {
    if (key.length() != 2 || key.charAt(0) != '#') {
      return false;
    }
    char c = key.charAt(1);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static String abbreviate(String key) {
    return key.length() > 40 ? key.substring(0, 40) + "..." : key;
  }

  private static Set<String> hexSet(JsonParser p, JsonToken v, String key) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      throw new DecodeException("'" + key + "' must be an array of 64-character hex strings");
    }
    Set<String> out = new HashSet<>();
    JsonToken t;
    for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY; i++) {
      if (t != JsonToken.VALUE_STRING || !Hex.isLowerHex(p.getText(), 32)) {
        throw new DecodeException("'" + key + "'[" + i + "] must be 64 lower-case hex characters");
      }
      out.add(p.getText());
    }
    return out;
  }

  private static Set<String> stringSet(JsonParser p, JsonToken v, String key) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      throw new DecodeException("'" + key + "' must be an array of strings");
    }
    Set<String> out = new HashSet<>();
    JsonToken t;
    for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY; i++) {
      if (t != JsonToken.VALUE_STRING) {
        throw new DecodeException("'" + key + "'[" + i + "] must be a string");
      }
      out.add(p.getText());
    }
    return out;
  }

  private static Set<Integer> kinds(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      throw new DecodeException("'kinds' must be an array of integers");
    }
    Set<Integer> out = new HashSet<>();
    JsonToken t;
    for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY; i++) {
      if (t != JsonToken.VALUE_NUMBER_INT || !fitsLong(p) || !inKindRange(p.getLongValue())) {
        throw new DecodeException("'kinds'[" + i + "] must be an integer between 0 and 65535");
      }
      out.add(p.getIntValue());
    }
    return out;
  }

  private static boolean inKindRange(long k) {
    return k >= 0 && k <= 65535;
  }

  private static long nonNegative(JsonParser p, JsonToken v, String key) throws IOException {
    if (v != JsonToken.VALUE_NUMBER_INT || !fitsLong(p) || p.getLongValue() < 0) {
      throw new DecodeException("'" + key + "' must be a non-negative integer");
    }
    return p.getLongValue();
  }

  private static boolean fitsLong(JsonParser p) throws IOException {
    JsonParser.NumberType type = p.getNumberType();
    return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
  }

  /** Compact JSON of the filter; set members sorted so equal filters give equal text. */
  public static String write(Filter f) {
    StringBuilder sb = new StringBuilder(128);
    writeTo(sb, f);
    return sb.toString();
  }

  /** Appends the filter's compact JSON to {@code sb}. */
  public static void writeTo(StringBuilder sb, Filter f) {
    List<String> parts = new ArrayList<>();
    if (f.ids() != null) {
      parts.add(stringArray("ids", f.ids()));
    }
    if (f.authors() != null) {
      parts.add(stringArray("authors", f.authors()));
    }
    if (f.kinds() != null) {
      parts.add(
          f.kinds().stream()
              .sorted()
              .map(String::valueOf)
              .collect(Collectors.joining(",", "\"kinds\":[", "]")));
    }
    new TreeMap<>(f.tags()).forEach((name, values) -> parts.add(stringArray("#" + name, values)));
    f.since().ifPresent(s -> parts.add("\"since\":" + s));
    f.until().ifPresent(u -> parts.add("\"until\":" + u));
    f.limit().ifPresent(l -> parts.add("\"limit\":" + l));
    f.search()
        .ifPresent(
            s -> {
              StringBuilder q = new StringBuilder("\"search\":");
              EventJson.quote(q, s, true);
              parts.add(q.toString());
            });
    sb.append('{').append(String.join(",", parts)).append('}');
  }

  private static String stringArray(String key, Set<String> values) {
    StringBuilder sb = new StringBuilder();
    EventJson.quote(sb, key, true);
    sb.append(":[");
    boolean first = true;
    for (String v : values.stream().sorted().toList()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      EventJson.quote(sb, v, true);
    }
    return sb.append(']').toString();
  }
}
