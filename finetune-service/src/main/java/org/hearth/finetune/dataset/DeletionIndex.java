package org.hearth.finetune.dataset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.nostr.event.Event;

/**
 * NIP-09 and NIP-40 applied once more on this side: the relay already withholds deleted and expired
 * events, and a build trusts it, but not blindly. A deletion (kind 5) counts only for events of its
 * own author: by id ({@code e}), or by address ({@code a}, {@code kind:pubkey:d}) for versions up
 * to the deletion's {@code created_at}.
 */
final class DeletionIndex {
  static final int KIND = 5;
  private final Map<String, String> idsByDeleter = new HashMap<>();
  private final Map<String, Long> addresses = new HashMap<>();

  void add(Event deletion) {
    if (deletion.kind() != KIND) {
      return;
    }
    for (List<String> tag : deletion.tags()) {
      if (tag.size() < 2) {
        continue;
      }
      if (tag.get(0).equals("e")) {
        idsByDeleter.put(tag.get(1) + "/" + deletion.pubkey(), deletion.id());
      } else if (tag.get(0).equals("a")) {
        String[] parts = tag.get(1).split(":", 3);
        if (parts.length >= 2 && parts[1].equals(deletion.pubkey())) {
          addresses.merge(tag.get(1), deletion.createdAt(), Math::max);
        }
      }
    }
  }

  /** True when a deletion by its author covers {@code e}. */
  boolean deletes(Event e) {
    if (idsByDeleter.containsKey(e.id() + "/" + e.pubkey())) {
      return true;
    }
    return address(e).map(addresses::get).map(at -> e.createdAt() <= at).orElse(false);
  }

  /** NIP-40: an {@code expiration} tag at or before {@code nowSeconds}. */
  static boolean expired(Event e, long nowSeconds) {
    Optional<String> v = e.firstTagValue("expiration");
    if (v.isEmpty()) {
      return false;
    }
    try {
      return Long.parseLong(v.get().strip()) <= nowSeconds;
    } catch (NumberFormatException ex) {
      return false;
    }
  }

  private static Optional<String> address(Event e) {
    return switch (e.kindClass()) {
      case ADDRESSABLE -> Optional.of(e.kind() + ":" + e.pubkey() + ":" + e.dTag());
      case REPLACEABLE -> Optional.of(e.kind() + ":" + e.pubkey() + ":");
      case REGULAR, EPHEMERAL -> Optional.empty();
    };
  }
}
