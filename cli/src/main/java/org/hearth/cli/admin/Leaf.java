package org.hearth.cli.admin;

import java.util.concurrent.Callable;
import org.hearth.cli.shared.Ancestors;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.nip86.RpcMethod;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that makes one call; finds the {@code admin} options above it. */
abstract class Leaf implements Callable<Integer> {
  @Spec CommandSpec spec;

  AdminCommand admin() {
    return Ancestors.find(spec, AdminCommand.class);
  }

  int run(String done, RpcMethod method, Object... params) {
    return admin().session().run(done, method, params);
  }

  /** Hex from an npub or hex key, with a plain error. */
  static String hex(String pubkey) {
    try {
      return PublicKey.parse(pubkey.strip()).hex();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a public key: expected npub1… or 64 hex characters, got \""
              + shorten(pubkey)
              + "\"");
    }
  }

  private static String shorten(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "…" : s;
  }
}
