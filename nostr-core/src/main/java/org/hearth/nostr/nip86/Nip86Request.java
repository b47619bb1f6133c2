package org.hearth.nostr.nip86;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A NIP-86 call: {@code {"method": ..., "params": [...]}}.
 *
 * @param method the method name as sent (may be one this side does not know)
 * @param params the parameters, each any JSON value
 */
public record Nip86Request(String method, List<JsonNode> params) {
  public Nip86Request {
    Objects.requireNonNull(method, "method");
    params = List.copyOf(params);
  }

  /** A request for a known method; parameters are converted by {@link Nip86Json#value}. */
  public static Nip86Request of(RpcMethod method, Object... params) {
    return new Nip86Request(
        method.wireName(), java.util.Arrays.stream(params).map(Nip86Json::value).toList());
  }

  /** The compact JSON body. */
  public String toJson() {
    return Nip86Json.write(this);
  }

  /** A typed view of the parameters for {@code method}, checked for count. */
  public Nip86Params params(RpcMethod method) {
    return Nip86Params.of(method, params);
  }
}
