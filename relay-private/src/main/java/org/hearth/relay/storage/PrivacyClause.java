package org.hearth.relay.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Visibility;

/**
 * The visibility rules pushed into SQL, so that a limit counts events the reader may see (a member
 * asking for kind 1059 without {@code #p} gets the newest wraps addressed to them, not the newest
 * wraps). {@link org.hearth.relay.access.ReadAccess} still checks every row.
 *
 * @param readers the authenticated keys that hold a read right on the relay
 * @param authorKinds kinds only their author may read
 * @param partyKinds kinds only their author and p-tagged keys may read
 */
public record PrivacyClause(
    List<String> readers, List<Integer> authorKinds, List<Integer> partyKinds) {

  public PrivacyClause {
    readers = List.copyOf(readers);
    authorKinds = List.copyOf(authorKinds);
    partyKinds = List.copyOf(partyKinds);
  }

  public static PrivacyClause of(RelaySettings relay, Collection<String> readers) {
    List<Integer> author = new ArrayList<>();
    List<Integer> parties = new ArrayList<>();
    for (Map.Entry<Integer, Visibility> v : relay.visibility().entrySet()) {
      switch (v.getValue()) {
        case AUTHOR -> author.add(v.getKey());
        case PARTIES -> parties.add(v.getKey());
        case MEMBERS -> {}
      }
    }
    return new PrivacyClause(List.copyOf(readers), author, parties);
  }
}
