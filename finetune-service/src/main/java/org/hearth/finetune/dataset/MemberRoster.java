package org.hearth.finetune.dataset;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hearth.nostr.event.Event;

/**
 * The relay's NIP-43 member list (kind 13534, signed by the relay's own key). A {@code member} tag
 * names a person when it carries no role or one of the people roles (owner, admin, member); keys
 * listed only as services or readers (assistants, Hearth services) are not people.
 *
 * @param list the member list event
 * @param people keys of the relay's people, whose profiles give the names to pseudonymise and whose
 *     consented conversations may be used
 * @param listed every listed key, people and services (the relay's possible authors)
 */
record MemberRoster(Event list, Set<String> people, Set<String> listed) {
  static final int KIND = 13534;
  private static final Set<String> PEOPLE_ROLES = Set.of("owner", "admin", "member");

  MemberRoster {
    people = Set.copyOf(people);
    listed = Set.copyOf(listed);
  }

  static MemberRoster of(Event list) {
    Set<String> people = new TreeSet<>();
    Set<String> listed = new TreeSet<>();
    for (List<String> tag : list.tags()) {
      if (tag.size() >= 2 && tag.get(0).equals("member")) {
        listed.add(tag.get(1));
        if (isPerson(tag)) {
          people.add(tag.get(1));
        }
      }
    }
    return new MemberRoster(list, people, listed);
  }

  private static boolean isPerson(List<String> tag) {
    if (tag.size() == 2) {
      return true;
    }
    return tag.subList(2, tag.size()).stream().anyMatch(PEOPLE_ROLES::contains);
  }
}
