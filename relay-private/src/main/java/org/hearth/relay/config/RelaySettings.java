package org.hearth.relay.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.relay.access.Role;

/**
 * One relay's resolved settings: configuration merged with the global defaults.
 *
 * @param path the URL path segment, e.g. {@code family}
 * @param visibility visibility per kind; kinds not listed are {@link Visibility#MEMBERS}
 * @param writers the roles that alone may write a kind; kinds not listed: every role that writes
 */
public record RelaySettings(
    String path,
    String name,
    String description,
    Optional<URI> publicUrl,
    PublicKey owner,
    List<PublicKey> members,
    List<PublicKey> services,
    Map<Integer, Visibility> visibility,
    Map<Integer, Set<Role>> writers,
    List<String> writePolicies,
    List<String> readPolicies) {

  /**
   * DMs (NIP-04, NIP-17 chat, seals and gift wraps) and consented conversations (30970, the
   * assistant's pairs for the finetune service) to their parties; app data to its author.
   */
  public static final Map<Integer, Visibility> DEFAULT_VISIBILITY =
      Map.of(
          4, Visibility.PARTIES,
          13, Visibility.PARTIES,
          14, Visibility.PARTIES,
          1059, Visibility.PARTIES,
          30078, Visibility.AUTHOR,
          30970, Visibility.PARTIES);

  public RelaySettings {
    members = List.copyOf(members);
    services = List.copyOf(services);
    visibility = Map.copyOf(visibility);
    writers = Map.copyOf(writers);
    writePolicies = List.copyOf(writePolicies);
    readPolicies = List.copyOf(readPolicies);
  }

  public Visibility visibilityOf(int kind) {
    return visibility.getOrDefault(kind, Visibility.MEMBERS);
  }

  /** The roles that alone may write {@code kind}; empty when every writing role may. */
  public Set<Role> writersOf(int kind) {
    return writers.getOrDefault(kind, Set.of());
  }
}
