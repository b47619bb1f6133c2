package org.hearth.relay.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.relay.access.KindWriters;
import org.hearth.relay.access.Role;
import org.jboss.logging.Logger;

/** The relays this process serves, resolved once from {@link RelayConfig}. */
@ApplicationScoped
public class Relays {
  private static final Logger LOG = Logger.getLogger(Relays.class);
  private final Map<String, RelaySettings> byPath;

  public Relays(RelayConfig config) {
    this.byPath = resolve(config);
  }

  static Map<String, RelaySettings> resolve(RelayConfig config) {
    if (config.relays().isEmpty()) {
      throw new IllegalStateException("hearth.relay.relays: no relay configured");
    }
    Supplier<PublicKey> generated =
        new Supplier<>() {
          private PublicKey key;

          @Override
          public synchronized PublicKey get() {
            if (key == null) {
              key = OwnerKeyFile.loadOrCreate(config.dataDir());
            }
            return key;
          }
        };
    Optional<PublicKey> globalOwner = config.owner().filter(s -> !s.isBlank()).map(Keys::parse);
    Map<String, RelaySettings> out = new LinkedHashMap<>();
    config.relays().keySet().stream()
        .sorted()
        .forEach(
            path -> {
              if (!path.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
                throw new IllegalStateException(
                    "hearth.relay.relays." + path + ": a relay path is [a-z0-9_-], at most 63");
              }
              RelayConfig.RelayDef def = config.relays().get(path);
              PublicKey owner =
                  def.owner()
                      .filter(s -> !s.isBlank())
                      .map(Keys::parse)
                      .or(() -> globalOwner)
                      .orElseGet(generated);
              Map<Integer, Visibility> visibility = new HashMap<>(RelaySettings.DEFAULT_VISIBILITY);
              def.visibility()
                  .forEach((kind, v) -> visibility.put(parseKind(path, "visibility", kind), v));
              Map<Integer, Set<Role>> writers = new HashMap<>(KindWriters.DEFAULTS);
              def.writers()
                  .forEach(
                      (kind, roles) -> {
                        int k = parseKind(path, "writers", kind);
                        Set<Role> parsed = parseRoles(path, kind, roles);
                        if (parsed.isEmpty()) {
                          writers.remove(k);
                        } else {
                          writers.put(k, parsed);
                        }
                      });
              if (!writers.isEmpty()
                  && def.writePolicies().stream()
                      .noneMatch(n -> n.strip().equals("kind-writers"))) {
                LOG.warnf(
                    "hearth.relay.relays.%s.write-policies has no kind-writers: the writer roles"
                        + " of kinds %s are not enforced on /%s",
                    path, new java.util.TreeSet<>(writers.keySet()), path);
              }
              out.put(
                  path,
                  new RelaySettings(
                      path,
                      def.name().orElse(path),
                      def.description().orElse(""),
                      def.publicUrl(),
                      owner,
                      keys(def.members().or(config::members)),
                      keys(def.services().or(config::services)),
                      visibility,
                      writers,
                      def.writePolicies(),
                      def.readPolicies()));
            });
    return Map.copyOf(out);
  }

  private static int parseKind(String relay, String key, String kind) {
    try {
      return Integer.parseInt(kind.replace("\"", ""));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "hearth.relay.relays." + relay + "." + key + ": not a kind number: " + kind);
    }
  }

  private static Set<Role> parseRoles(String relay, String kind, String roles) {
    try {
      return KindWriters.parse(roles);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "hearth.relay.relays." + relay + ".writers." + kind + ": " + e.getMessage());
    }
  }

  private static List<PublicKey> keys(Optional<List<String>> list) {
    List<PublicKey> out = new ArrayList<>();
    for (String s : list.orElse(List.of())) {
      if (!s.isBlank()) {
        out.add(Keys.parse(s));
      }
    }
    return out;
  }

  public Optional<RelaySettings> find(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  public Collection<RelaySettings> all() {
    return byPath.values();
  }
}
