package org.hearth.nostr.filter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.hearth.nostr.event.Event;

/**
 * A NIP-01 filter. An absent condition is {@code null} (sets) or empty (optionals); a present but
 * empty set matches nothing. {@code tags} maps a single-letter name ({@code "e"} for {@code #e}) to
 * the accepted values.
 *
 * @param since unix seconds, inclusive
 * @param until unix seconds, inclusive
 * @param search NIP-50 query, if any
 */
public record Filter(
    Set<String> ids,
    Set<String> authors,
    Set<Integer> kinds,
    Map<String, Set<String>> tags,
    OptionalLong since,
    OptionalLong until,
    OptionalInt limit,
    Optional<String> search) {

  public Filter {
    ids = ids == null ? null : Set.copyOf(ids);
    authors = authors == null ? null : Set.copyOf(authors);
    kinds = kinds == null ? null : Set.copyOf(kinds);
    tags = tags == null ? Map.of() : copyTags(tags);
    since = since == null ? OptionalLong.empty() : since;
    until = until == null ? OptionalLong.empty() : until;
    limit = limit == null ? OptionalInt.empty() : limit;
    search = search == null ? Optional.empty() : search;
  }

  private static Map<String, Set<String>> copyTags(Map<String, Set<String>> tags) {
    var out = new java.util.HashMap<String, Set<String>>();
    tags.forEach((k, v) -> out.put(k, Set.copyOf(v)));
    return Map.copyOf(out);
  }

  /** A filter with no conditions (matches every event). */
  public static Filter all() {
    return new Filter(null, null, null, null, null, null, null, null);
  }

  /**
   * NIP-01 matching of every condition except {@code limit} and {@code search} (search is the
   * relay's business: a relay that does not support it must not pretend to).
   */
  public boolean matches(Event e) {
    if (ids != null && !ids.contains(e.id())) {
      return false;
    }
    if (authors != null && !authors.contains(e.pubkey())) {
      return false;
    }
    if (kinds != null && !kinds.contains(e.kind())) {
      return false;
    }
    if (since.isPresent() && e.createdAt() < since.getAsLong()) {
      return false;
    }
    if (until.isPresent() && e.createdAt() > until.getAsLong()) {
      return false;
    }
    for (Map.Entry<String, Set<String>> cond : tags.entrySet()) {
      if (!hasTagValueIn(e, cond.getKey(), cond.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasTagValueIn(Event e, String name, Set<String> values) {
    for (List<String> tag : e.tags()) {
      if (tag.size() >= 2 && tag.get(0).equals(name) && values.contains(tag.get(1))) {
        return true;
      }
    }
    return false;
  }
}
