package org.hearth.relay.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Policies in order; the first result that is not Accept decides. */
public record PolicyChain<C>(List<String> names, List<Policy<C>> policies) {

  public PolicyChain {
    names = List.copyOf(names);
    policies = List.copyOf(policies);
  }

  /** Resolves configured names against {@code catalog}; an unknown name fails with the list. */
  public static <C> PolicyChain<C> of(
      List<String> names, Map<String, ? extends Policy<C>> catalog) {
    List<Policy<C>> out = new ArrayList<>();
    for (String n : names) {
      Policy<C> p = catalog.get(n.strip());
      if (p == null) {
        throw new IllegalStateException(
            "unknown policy '" + n + "'; known: " + catalog.keySet().stream().sorted().toList());
      }
      out.add(p);
    }
    return new PolicyChain<>(names, out);
  }

  public PolicyResult check(C ctx) {
    for (Policy<C> p : policies) {
      PolicyResult r = p.check(ctx);
      if (!(r instanceof PolicyResult.Accept)) {
        return r;
      }
    }
    return PolicyResult.ACCEPT;
  }
}
