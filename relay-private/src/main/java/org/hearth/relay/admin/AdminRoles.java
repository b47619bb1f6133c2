package org.hearth.relay.admin;

import java.util.Locale;
import java.util.Optional;
import org.hearth.relay.access.Role;

/**
 * How NIP-86 role ids map onto Hearth: the ids {@code owner}, {@code admin}, {@code member}, {@code
 * reader} and {@code service} are Hearth's roles (they change access); any other id is a NIP-43
 * custom role, a label created with createrole that changes nothing about access.
 */
final class AdminRoles {
  private AdminRoles() {}

  static Optional<Role> builtIn(String id) {
    for (Role r : Role.values()) {
      if (r.key().equals(id.toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  static AdminRefusal unknown(String id) {
    return new AdminRefusal(
        "invalid: unknown role \""
            + (id.length() > 40 ? id.substring(0, 40) + "…" : id)
            + "\"; built-in roles: owner, admin, member, reader, service");
  }

  static boolean validCustomId(String id) {
    return id.matches("[a-zA-Z0-9_-]{1,32}");
  }
}
