package org.hearth.nostr.nip86;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hearth.nostr.Hex;

/**
 * Typed, checked access to the parameters of one NIP-86 call. Every accessor throws a {@link
 * Nip86Exception} naming the method, the position and what was expected.
 */
public final class Nip86Params {
  /** Longest free-text parameter (reason, name, description, URL): 4 KiB characters. */
  public static final int MAX_TEXT = 4096;

  private final RpcMethod method;
  private final List<JsonNode> params;

  private Nip86Params(RpcMethod method, List<JsonNode> params) {
    this.method = method;
    this.params = params;
  }

  /** Checks the parameter count against {@code method}. */
  public static Nip86Params of(RpcMethod method, List<JsonNode> params) {
    int n = params.size();
    if (n < method.minParams() || n > method.maxParams()) {
      String want =
          method.minParams() == method.maxParams()
              ? String.valueOf(method.minParams())
              : method.minParams() + " to " + method.maxParams();
      throw new Nip86Exception(method.wireName() + " takes " + want + " parameter(s), got " + n);
    }
    return new Nip86Params(method, List.copyOf(params));
  }

  /** The raw parameter at {@code i}, or JSON null when absent. */
  public JsonNode raw(int i) {
    return i < params.size()
        ? params.get(i)
        : com.fasterxml.jackson.databind.node.NullNode.getInstance();
  }

  public int size() {
    return params.size();
  }

  /** A 32-byte public key as 64 hex characters (returned lower case). */
  public String pubkey(int i) {
    return hex32(i, "a public key");
  }

  /** A 32-byte event id as 64 hex characters (returned lower case). */
  public String eventId(int i) {
    return hex32(i, "an event id");
  }

  /** A required string of at most {@link #MAX_TEXT} characters. */
  public String text(int i) {
    JsonNode n = at(i);
    if (!n.isTextual()) {
      throw error(i, "must be a string, was " + Nip86Json.describe(n));
    }
    if (n.textValue().length() > MAX_TEXT) {
      throw error(i, "is longer than " + MAX_TEXT + " characters");
    }
    return n.textValue();
  }

  /** An optional string: absent, null or empty give empty. */
  public Optional<String> optionalText(int i) {
    if (i >= params.size() || params.get(i).isNull()) {
      return Optional.empty();
    }
    String s = text(i);
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** An event kind: an integer from 0 to 65535 (a string of digits is accepted too). */
  public int kind(int i) {
    JsonNode n = at(i);
    long v;
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      v = n.longValue();
    } else if (n.isTextual() && n.textValue().matches("[0-9]{1,6}")) {
      v = Long.parseLong(n.textValue());
    } else {
      throw error(i, "must be a kind number, was " + Nip86Json.describe(n));
    }
    if (v < 0 || v > 65535) {
      throw error(i, "must be a kind from 0 to 65535, was " + v);
    }
    return (int) v;
  }

  /** An optional integer (number or string of digits), empty when absent or null. */
  public OptionalInt optionalInt(int i) {
    if (i >= params.size() || params.get(i).isNull()) {
      return OptionalInt.empty();
    }
    JsonNode n = params.get(i);
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return OptionalInt.of(n.intValue());
    }
    if (n.isTextual() && n.textValue().matches("-?[0-9]{1,9}")) {
      return OptionalInt.of(Integer.parseInt(n.textValue()));
    }
    throw error(i, "must be an integer, was " + Nip86Json.describe(n));
  }

  /** An IPv4 or IPv6 address literal (no host names), returned in canonical form. */
  public String ip(int i) {
    String s = text(i).strip();
    return IpLiteral.canonical(s).orElseThrow(() -> error(i, "is not an IP address"));
  }

  private String hex32(int i, String what) {
    JsonNode n = at(i);
    if (!n.isTextual()) {
      throw error(i, "must be " + what + " (64 hex characters), was " + Nip86Json.describe(n));
    }
    String s = n.textValue().toLowerCase(java.util.Locale.ROOT);
    if (!Hex.isLowerHex(s, 32)) {
      throw error(i, "must be " + what + " (64 hex characters)");
    }
    return s;
  }

  private JsonNode at(int i) {
    if (i >= params.size()) {
      throw error(i, "is missing");
    }
    return params.get(i);
  }

  private Nip86Exception error(int i, String what) {
    return new Nip86Exception(method.wireName() + ": parameter " + (i + 1) + " " + what);
  }
}
