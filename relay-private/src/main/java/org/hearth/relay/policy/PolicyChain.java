package org.hearth.relay.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Write policies in order; the first result that is not Accept decides. */
public record PolicyChain(List<String> names, List<WritePolicy> policies) {

  public PolicyChain {
    names = List.copyOf(names);
    policies = List.copyOf(policies);
  }

  /** Resolves configured names against {@code catalog}; an unknown name fails with the list. */
  public static PolicyChain of(List<String> names, Map<String, WritePolicy> catalog) {
    List<WritePolicy> out = new ArrayList<>();
    for (String n : names) {
      WritePolicy p = catalog.get(n.strip());
      if (p == null) {
        throw new IllegalStateException(
            "unknown write policy '"
                + n
                + "'; known: "
                + catalog.keySet().stream().sorted().toList());
      }
      out.add(p);
    }
    return new PolicyChain(names, out);
  }

  public PolicyResult check(WriteContext ctx) {
    for (WritePolicy p : policies) {
      PolicyResult r = p.check(ctx);
      if (!(r instanceof PolicyResult.Accept)) {
        return r;
      }
    }
    return PolicyResult.ACCEPT;
  }
}
