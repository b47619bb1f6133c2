package org.hearth.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.hearth.cli.ExitCodes;
import org.hearth.nostr.nip86.Nip86Client;
import org.hearth.nostr.nip86.RpcMethod;

/** One administrative call: send, then print the answer in words or JSON. */
record AdminSession(Nip86Client client, Output output) {
  /**
   * Calls {@code method} and prints its result; {@code done} is what a {@code true} result means.
   */
  int run(String done, RpcMethod method, Object... params) {
    JsonNode result = client.call(method, params);
    output.print(result, done);
    return ExitCodes.OK;
  }
}
