package org.hearth.nostr.nip86;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A NIP-86 answer: {@code {"result": ..., "error": "..."}}.
 *
 * @param result the result (JSON null when the call failed)
 * @param error why the call failed, empty on success
 */
public record Nip86Response(JsonNode result, Optional<String> error) {
  public Nip86Response {
    result = result == null ? NullNode.getInstance() : result;
    Objects.requireNonNull(error, "error");
  }

  public static Nip86Response ok(Object result) {
    return new Nip86Response(Nip86Json.value(result), Optional.empty());
  }

  public static Nip86Response error(String message) {
    return new Nip86Response(NullNode.getInstance(), Optional.of(message));
  }

  public boolean isError() {
    return error.isPresent();
  }

  /** The compact JSON body. */
  public String toJson() {
    return Nip86Json.write(this);
  }
}
