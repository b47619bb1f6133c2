package org.hearth.relay.audit;

/**
 * One call of the management API.
 *
 * @param at unix seconds
 * @param actor hex public key proven by NIP-98
 * @param ip the caller's address
 * @param params the call's parameters as JSON
 * @param outcome {@code ok} or the error returned
 * @param change true when the call changed something
 */
public record AuditEntry(
    long id,
    String relay,
    long at,
    String actor,
    String ip,
    String method,
    String params,
    String outcome,
    boolean change) {}
