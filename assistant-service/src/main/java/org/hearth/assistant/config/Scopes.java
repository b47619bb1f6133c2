package org.hearth.assistant.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hearth.assistant.nostr.Nip19;

/** The configured assistants, one per relay, with defaults merged into each. */
@ApplicationScoped
public class Scopes {
  private final Map<String, ScopeSettings> byRelay;

  public Scopes(AssistantConfig config) {
    this.byRelay = resolve(config);
  }

  public List<ScopeSettings> all() {
    return List.copyOf(byRelay.values());
  }

  public Optional<ScopeSettings> get(String relay) {
    return Optional.ofNullable(byRelay.get(relay));
  }

  static Map<String, ScopeSettings> resolve(AssistantConfig config) {
    Map<String, ScopeSettings> out = new LinkedHashMap<>();
    AssistantConfig.ScopeDefaults d = config.defaults();
    for (String relay : config.relays()) {
      String name = relay.strip();
      if (name.isEmpty() || out.containsKey(name)) {
        continue;
      }
      AssistantConfig.ScopeOverrides o = config.scopes().get(name);
      Optional<AssistantConfig.ScopeOverrides> ov = Optional.ofNullable(o);
      String persona = ov.flatMap(AssistantConfig.ScopeOverrides::persona).orElse(d.persona());
      out.put(
          name,
          new ScopeSettings(
              name,
              relayUrl(config.relayUrl(), name),
              persona.replace("{relay}", name),
              ov.flatMap(AssistantConfig.ScopeOverrides::baseModel).orElse(d.baseModel()),
              Set.copyOf(
                  ov.flatMap(AssistantConfig.ScopeOverrides::followedKinds)
                      .orElse(d.followedKinds())),
              hexKeys(ov.flatMap(AssistantConfig.ScopeOverrides::members).or(d::members)),
              hexKeys(ov.flatMap(AssistantConfig.ScopeOverrides::admins).or(d::admins))));
    }
    return out;
  }

  /** {@code ws://host:port/base} + {@code /relay}, with http(s) mapped to ws(s). */
  static String relayUrl(URI base, String relay) {
    String s = base.toString();
    if (s.startsWith("http://")) {
      s = "ws://" + s.substring("http://".length());
    } else if (s.startsWith("https://")) {
      s = "wss://" + s.substring("https://".length());
    }
    if (!s.startsWith("ws://") && !s.startsWith("wss://")) {
      throw new IllegalArgumentException("relay URL must be ws(s):// or http(s)://, got " + s);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "/" + relay;
  }

  private static Set<String> hexKeys(Optional<List<String>> keys) {
    return keys.orElse(List.of()).stream()
        .map(String::strip)
        .filter(k -> !k.isEmpty())
        .map(k -> Nip19.parsePublicKey(k).hex())
        .collect(Collectors.toUnmodifiableSet());
  }
}
