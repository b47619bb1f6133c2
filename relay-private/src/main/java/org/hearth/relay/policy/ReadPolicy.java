package org.hearth.relay.policy;

/** A rule about REQ and COUNT requests (before any event is read). */
@FunctionalInterface
public interface ReadPolicy extends Policy<ReadContext> {}
