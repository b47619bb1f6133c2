package org.hearth.relay.policy;

/** One small rule over a context {@code C}; rules compose into a {@link PolicyChain}. */
@FunctionalInterface
public interface Policy<C> {
  PolicyResult check(C ctx);
}
