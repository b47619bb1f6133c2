package org.hearth.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/** Prints results: JSON as the relay sent it, or plain lines for people. */
final class Output {
  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void print(JsonNode result, String done) {
    if (json) {
      out.println(result.toString());
    } else if (result.isBoolean() && result.booleanValue()) {
      out.println(done);
    } else if (result.isArray()) {
      if (result.isEmpty()) {
        out.println("(none)");
      }
      for (JsonNode n : result) {
        out.println(n.isObject() ? line(n) : text(n, null));
      }
    } else if (result.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.println(e.getKey() + ": " + text(e.getValue(), e.getKey()));
      }
    } else {
      out.println(text(result, null));
    }
    out.flush();
  }

  private static String line(JsonNode o) {
    StringBuilder sb = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append("  ");
      }
      sb.append(e.getKey()).append('=').append(text(e.getValue(), e.getKey()));
    }
    return sb.toString();
  }

  private static String text(JsonNode n, String key) {
    if (n.isTextual()) {
      return n.textValue();
    }
    if (key != null && (key.equals("at") || key.endsWith("_at")) && n.canConvertToLong()) {
      return Instant.ofEpochSecond(n.longValue()).toString();
    }
    return n.toString();
  }
}
