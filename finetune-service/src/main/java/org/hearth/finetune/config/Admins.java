package org.hearth.finetune.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.nostr.crypto.PublicKey;

/**
 * Who may request and watch jobs: the global {@code hearth.finetune.admins} plus each relay's
 * {@code admins}, given as hex or npub, compared as lower-case hex.
 */
@ApplicationScoped
public class Admins {
  private final Set<String> global;
  private final Map<String, Set<String>> perRelay = new java.util.HashMap<>();

  public Admins(FinetuneConfig config) {
    this.global = parse(config.admins().orElse(List.of()), "hearth.finetune.admins");
    config
        .relays()
        .forEach(
            (name, relay) ->
                perRelay.put(
                    name,
                    parse(
                        relay.admins().orElse(List.of()),
                        "hearth.finetune.relays." + name + ".admins")));
  }

  private static Set<String> parse(List<String> keys, String setting) {
    Set<String> out = new HashSet<>();
    for (String k : keys) {
      if (k.isBlank()) {
        continue;
      }
      try {
        out.add(PublicKey.parse(k.strip()).hex());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(setting + ": '" + k + "' is neither hex nor an npub");
      }
    }
    return Set.copyOf(out);
  }

  /** True when {@code pubkeyHex} may request jobs on {@code relay}. */
  public boolean isAdmin(String relay, String pubkeyHex) {
    return global.contains(pubkeyHex) || perRelay.getOrDefault(relay, Set.of()).contains(pubkeyHex);
  }

  /** True when {@code pubkeyHex} is an admin of at least one relay. */
  public boolean isAdminAnywhere(String pubkeyHex) {
    return global.contains(pubkeyHex)
        || perRelay.values().stream().anyMatch(s -> s.contains(pubkeyHex));
  }
}
