package org.hearth.relay.policy;

/** One small rule about incoming events. Policies compose into a {@link PolicyChain}. */
@FunctionalInterface
public interface WritePolicy {
  PolicyResult check(WriteContext ctx);
}
