package org.hearth.relay.policy;

import static org.hearth.relay.policy.PolicyResult.ACCEPT;
import static org.hearth.relay.policy.PolicyResult.reject;

import java.util.Map;
import org.hearth.nostr.message.Prefix;

/**
 * The built-in read policies, by the name used in {@code hearth.relay.relays.<r>.read-policies}.
 * They decide whether a REQ/COUNT may run at all; which events it returns is {@link
 * org.hearth.relay.access.ReadAccess}'s business.
 */
public final class ReadPolicies {
  private ReadPolicies() {}

  public static final Map<String, ReadPolicy> BUILT_IN =
      Map.of(
          "filter-count", ReadPolicies::filterCount,
          "auth-required", ReadPolicies::authRequired,
          "member-reader", ReadPolicies::memberReader);

  static PolicyResult filterCount(ReadContext c) {
    int max = c.limits().maxFilters();
    return c.filters().size() > max
        ? reject(Prefix.INVALID, "at most " + max + " filters")
        : ACCEPT;
  }

  static PolicyResult authRequired(ReadContext c) {
    return c.authed().isEmpty()
        ? reject(Prefix.AUTH_REQUIRED, "this relay only serves authenticated members")
        : ACCEPT;
  }

  static PolicyResult memberReader(ReadContext c) {
    return c.readers().isEmpty()
        ? reject(Prefix.RESTRICTED, "no authenticated key may read this relay")
        : ACCEPT;
  }
}
