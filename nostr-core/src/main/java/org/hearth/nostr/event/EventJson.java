package org.hearth.nostr.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hearth.nostr.DecodeException;

/** NIP-01 canonical serialization, wire JSON writing and strict streaming parsing of events. */
public final class EventJson {
  /** Shared factory: nesting and string sizes bounded so hostile input cannot exhaust memory. */
  public static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(16 * 1024 * 1024)
                  .maxNumberLength(32)
                  .build())
          .build();

  private EventJson() {}

  static String canonical(
      String pubkey,
      long createdAt,
      int kind,
      List<List<String>> tags,
      String content,
      boolean escapeAll) {
    StringBuilder sb = new StringBuilder(128 + content.length() + 64 * tags.size());
    sb.append("[0,\"").append(pubkey).append("\",").append(createdAt).append(',').append(kind);
    sb.append(',');
    writeTags(sb, tags, escapeAll);
    sb.append(',');
    quote(sb, content, escapeAll);
    sb.append(']');
    return sb.toString();
  }

  /** True when a tag or the content would be written differently in the two flavours. */
  static boolean hasFlavouredChars(List<List<String>> tags, String content) {
    if (JsonEscaper.hasFlavouredChars(content)) {
      return true;
    }
    for (List<String> tag : tags) {
      for (String s : tag) {
        if (JsonEscaper.hasFlavouredChars(s)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Compact JSON of the event, in the usual field order. */
  public static String write(Event e) {
    StringBuilder sb = new StringBuilder(256 + e.content().length());
    writeTo(sb, e);
    return sb.toString();
  }

  /** Appends the event's compact JSON to {@code sb}. */
  public static void writeTo(StringBuilder sb, Event e) {
    sb.append("{\"id\":\"").append(e.id());
    sb.append("\",\"pubkey\":\"").append(e.pubkey());
    sb.append("\",\"created_at\":").append(e.createdAt());
    sb.append(",\"kind\":").append(e.kind());
    sb.append(",\"tags\":");
    writeTags(sb, e.tags(), true);
    sb.append(",\"content\":");
    quote(sb, e.content(), true);
    sb.append(",\"sig\":\"").append(e.sig()).append("\"}");
  }

  private static void writeTags(StringBuilder sb, List<List<String>> tags, boolean escapeAll) {
    sb.append('[');
    for (int i = 0; i < tags.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('[');
      List<String> tag = tags.get(i);
      for (int j = 0; j < tag.size(); j++) {
        if (j > 0) {
          sb.append(',');
        }
        quote(sb, tag.get(j), escapeAll);
      }
      sb.append(']');
    }
    sb.append(']');
  }

  /**
   * Writes a JSON string. With {@code escapeAll} exactly as {@code JSON.stringify} does (valid
   * JSON); without, the literal NIP-01 rule (only \n \" \\ \r \t \b \f escaped). See {@link
   * JsonEscaper}.
   */
  public static void quote(StringBuilder sb, String s, boolean escapeAll) {
    JsonEscaper.quote(sb, s, escapeAll);
  }

  /** Parses exactly one event object; trailing content is an error. */
  public static Event parse(String json) {
    if (json == null) {
      throw new DecodeException("event JSON is null");
    }
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new DecodeException("an event must be a JSON object");
      }
      Event e = read(p);
      if (p.nextToken() != null) {
        throw new DecodeException("unexpected content after the event object");
      }
      return e;
    } catch (IOException ex) {
      throw new DecodeException("malformed event JSON: " + shortMessage(ex), ex);
    }
  }

  /**
   * Reads an event object whose START_OBJECT the parser is on. Every field is required and strictly
   * typed; unknown fields are ignored; duplicate fields are an error.
   */
  public static Event read(JsonParser p) throws IOException {
    String id = null;
    String pubkey = null;
    String content = null;
    String sig = null;
    Long createdAt = null;
    Integer kind = null;
    List<List<String>> tags = null;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      if (t != JsonToken.FIELD_NAME) {
        throw new DecodeException("malformed event object");
      }
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "id" -> id = string(p, v, "id", id);
        case "pubkey" -> pubkey = string(p, v, "pubkey", pubkey);
        case "content" -> content = string(p, v, "content", content);
        case "sig" -> sig = string(p, v, "sig", sig);
        case "created_at" -> {
          duplicate(createdAt, "created_at");
          if (v != JsonToken.VALUE_NUMBER_INT) {
            throw new DecodeException("created_at must be an integer");
          }
          try {
            createdAt = p.getLongValue();
          } catch (IOException ex) {
            throw new DecodeException("created_at is out of range");
          }
        }
        case "kind" -> {
          duplicate(kind, "kind");
          if (v != JsonToken.VALUE_NUMBER_INT) {
            throw new DecodeException("kind must be an integer");
          }
          long k;
          try {
            k = p.getLongValue();
          } catch (IOException ex) {
            throw new DecodeException("kind is out of range");
          }
          if (k < 0 || k > 65535) {
            throw new DecodeException("kind must be between 0 and 65535");
          }
          kind = (int) k;
        }
        case "tags" -> {
          duplicate(tags, "tags");
          tags = readTags(p, v);
        }
        default -> p.skipChildren();
      }
    }
    if (id == null) throw new DecodeException("event has no id");
    if (pubkey == null) throw new DecodeException("event has no pubkey");
    if (createdAt == null) throw new DecodeException("event has no created_at");
    if (kind == null) throw new DecodeException("event has no kind");
    if (tags == null) throw new DecodeException("event has no tags");
    if (content == null) throw new DecodeException("event has no content");
    if (sig == null) throw new DecodeException("event has no sig");
    return new Event(id, pubkey, createdAt, kind, tags, content, sig);
  }

  private static List<List<String>> readTags(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      throw new DecodeException("tags must be an array");
    }
    List<List<String>> tags = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_ARRAY) {
        throw new DecodeException("each tag must be an array of strings");
      }
      List<String> tag = new ArrayList<>(4);
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.VALUE_STRING) {
          throw new DecodeException("each tag must be an array of strings");
        }
        tag.add(p.getText());
      }
      tags.add(List.copyOf(tag));
    }
    return tags;
  }

  private static String string(JsonParser p, JsonToken v, String field, String previous)
      throws IOException {
    duplicate(previous, field);
    if (v != JsonToken.VALUE_STRING) {
      throw new DecodeException(field + " must be a string");
    }
    return p.getText();
  }

  private static void duplicate(Object previous, String field) {
    if (previous != null) {
      throw new DecodeException("duplicate field " + field);
    }
  }

  /** Jackson's message without its source excerpt, safe to send back to a client. */
  public static String shortMessage(IOException ex) {
    String m = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    int cut = m.indexOf('\n');
    if (cut > 0) {
      m = m.substring(0, cut);
    }
    return m.length() > 200 ? m.substring(0, 200) : m;
  }
}
