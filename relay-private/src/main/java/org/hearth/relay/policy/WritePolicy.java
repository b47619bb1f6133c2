package org.hearth.relay.policy;

/** A rule about incoming events. */
@FunctionalInterface
public interface WritePolicy extends Policy<WriteContext> {}
