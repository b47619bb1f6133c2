package org.hearth.assistant.config;

import java.util.List;
import java.util.Set;

/**
 * One assistant's resolved settings (defaults merged with its relay's overrides).
 *
 * @param relay the relay's name, e.g. {@code family}
 * @param relayUrl the websocket URL of that relay, the only one this assistant connects to
 * @param persona system prompt, {@code {relay}} already replaced
 * @param baseModel the Ollama model used when {@code hearth-<relay>} does not exist
 * @param followedKinds event kinds followed into memory
 * @param configuredMembers hex pubkeys serving when the relay publishes no NIP-43 list
 * @param admins hex pubkeys allowed to run admin commands
 */
public record ScopeSettings(
    String relay,
    String relayUrl,
    String persona,
    String baseModel,
    Set<Integer> followedKinds,
    Set<String> configuredMembers,
    Set<String> admins) {

  public ScopeSettings {
    followedKinds = Set.copyOf(followedKinds);
    configuredMembers = Set.copyOf(configuredMembers);
    admins = Set.copyOf(admins);
  }

  /** The fine-tuned model's name for this relay. */
  public String fineTunedModel() {
    return "hearth-" + relay;
  }

  /** Kinds followed, sorted (for filters and logs). */
  public List<Integer> sortedKinds() {
    return followedKinds.stream().sorted().toList();
  }
}
