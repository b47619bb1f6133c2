package org.hearth.relay.access;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kinds that only some roles may write, whatever else a grant allows: the fine-tune job kinds of
 * {@code docs/finetune-protocol.md}. Checked by the write policy {@code kind-writers}; overridable
 * per relay with {@code hearth.relay.relays.<r>.writers."<kind>"}.
 */
public final class KindWriters {
  /** Fine-tune job request (NIP-90 style): the relay's owner, an admin, or a service for one. */
  public static final int FINETUNE_REQUEST = 5970;

  /** A job's result, written by the finetune service. */
  public static final int FINETUNE_RESULT = 6970;

  /** NIP-90 job feedback, written by the service running the job. */
  public static final int JOB_FEEDBACK = 7000;

  /** Consented conversations of one member, kept by the assistant for the finetune service. */
  public static final int CONSENTED_CONVERSATIONS = 30970;

  /** The defaults every relay starts from. */
  public static final Map<Integer, Set<Role>> DEFAULTS =
      Map.of(
          FINETUNE_REQUEST, Set.of(Role.OWNER, Role.ADMIN, Role.SERVICE),
          FINETUNE_RESULT, Set.of(Role.SERVICE),
          JOB_FEEDBACK, Set.of(Role.SERVICE),
          CONSENTED_CONVERSATIONS, Set.of(Role.SERVICE));

  private static final Map<Integer, String> NAMES =
      Map.of(
          FINETUNE_REQUEST, "fine-tune job requests",
          FINETUNE_RESULT, "fine-tune job results",
          JOB_FEEDBACK, "job feedback",
          CONSENTED_CONVERSATIONS, "consented conversations");

  /** The configuration value that lifts a default restriction. */
  public static final String ANY = "any";

  private KindWriters() {}

  /**
   * Parses a configured value: comma-separated role names ({@code owner,admin,service}), or {@code
   * any} for no restriction beyond the grants (returned as an empty set).
   *
   * @throws IllegalArgumentException naming the bad role and the known ones
   */
  public static Set<Role> parse(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.equals(ANY)) {
      return Set.of();
    }
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : v.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      try {
        roles.add(Role.fromKey(p));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown role '" + p + "'; use " + ANY + " or some of " + roleKeys(Set.of()));
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("no role given; use " + ANY + " to lift the restriction");
    }
    return Set.copyOf(roles);
  }

  /** Role names in their declaration order: {@code owner, admin, member, reader, service}. */
  public static List<String> roleKeys(Set<Role> roles) {
    List<String> out = new ArrayList<>();
    for (Role r : Role.values()) {
      if (roles.isEmpty() || roles.contains(r)) {
        out.add(r.key());
      }
    }
    return out;
  }

  /** The refusal text: {@code only owner, admin or service keys may write kind 5970 (…) here}. */
  public static String refusal(int kind, Set<Role> roles) {
    List<String> keys = roleKeys(roles);
    String who =
        keys.size() == 1
            ? keys.getFirst()
            : keys.subList(0, keys.size() - 1).stream().collect(Collectors.joining(", "))
                + " or "
                + keys.getLast();
    String name = NAMES.containsKey(kind) ? " (" + NAMES.get(kind) + ")" : "";
    return "only " + who + " keys may write kind " + kind + name + " here";
  }
}
