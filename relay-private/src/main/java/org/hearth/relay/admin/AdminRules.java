package org.hearth.relay.admin;

import jakarta.inject.Singleton;
import java.util.Map;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.Prefix;
import org.hearth.relay.policy.PolicyResult;

/**
 * What the admin API decided, applied on the write path: banned events and authors, disallowed
 * kinds, and (when the allowed list is not empty) kinds not on it. Reads the in-memory lists only.
 */
@Singleton // on the path of every EVENT: no client proxy lookup per call
public class AdminRules {
  private final AdminLists lists;

  public AdminRules(AdminLists lists) {
    this.lists = lists;
  }

  public PolicyResult check(String relay, Event e) {
    if (lists.contains(relay, AdminList.BANNED_EVENT, e.id())) {
      return PolicyResult.reject(Prefix.BLOCKED, "this event is banned on this relay");
    }
    if (lists.contains(relay, AdminList.BANNED_PUBKEY, e.pubkey())) {
      return PolicyResult.reject(Prefix.BLOCKED, "the author is banned on this relay");
    }
    String kind = String.valueOf(e.kind());
    if (lists.contains(relay, AdminList.DISALLOWED_KIND, kind)) {
      return PolicyResult.reject(Prefix.BLOCKED, "kind " + kind + " is not accepted here");
    }
    Map<String, String> allowed = lists.entries(relay, AdminList.ALLOWED_KIND);
    if (!allowed.isEmpty() && !allowed.containsKey(kind)) {
      return PolicyResult.reject(Prefix.BLOCKED, "kind " + kind + " is not accepted here");
    }
    return PolicyResult.ACCEPT;
  }

  /** True when connections from {@code ip} are refused on {@code relay}. */
  public boolean blocked(String relay, String ip) {
    return lists.contains(relay, AdminList.BLOCKED_IP, ip);
  }
}
