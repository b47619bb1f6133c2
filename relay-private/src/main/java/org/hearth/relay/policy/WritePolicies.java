package org.hearth.relay.policy;

import static org.hearth.relay.policy.PolicyResult.ACCEPT;
import static org.hearth.relay.policy.PolicyResult.reject;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.Prefix;
import org.hearth.relay.access.KindWriters;
import org.hearth.relay.access.ReadAccess;
import org.hearth.relay.access.Role;

/**
 * The built-in write policies, by the name used in {@code hearth.relay.relays.<r>.write-policies}.
 */
public final class WritePolicies {
  public static final int GIFT_WRAP = 1059;

  private WritePolicies() {}

  /** Every built-in policy, by configuration name. */
  public static final Map<String, WritePolicy> BUILT_IN =
      Map.of(
          "created-at-bounds", WritePolicies::createdAtBounds,
          "tag-limit", WritePolicies::tagLimit,
          "expired", WritePolicies::notExpired,
          "auth-required", WritePolicies::authRequired,
          "member-writer", WritePolicies::memberWriter,
          "kind-writers", WritePolicies::kindWriters,
          "gift-wrap-recipients", WritePolicies::giftWrapRecipients,
          "protected-event", WritePolicies::protectedEvent);

  /** created_at no further ahead than the allowed skew, and not older than the maximum age. */
  static PolicyResult createdAtBounds(WriteContext c) {
    long skew = c.limits().maxFutureSkew().toSeconds();
    if (c.event().createdAt() > c.now() + skew) {
      return reject(Prefix.INVALID, "created_at is more than " + skew + " s in the future");
    }
    long maxAge = c.limits().maxAge().toSeconds();
    if (maxAge > 0 && c.event().createdAt() < c.now() - maxAge) {
      return reject(Prefix.INVALID, "created_at is older than " + maxAge + " s");
    }
    return ACCEPT;
  }

  static PolicyResult tagLimit(WriteContext c) {
    int max = c.limits().maxTags();
    return c.event().tags().size() > max
        ? reject(Prefix.INVALID, "more than " + max + " tags")
        : ACCEPT;
  }

  /** NIP-40: an event that has already expired is not accepted. */
  static PolicyResult notExpired(WriteContext c) {
    return ReadAccess.isExpired(c.event(), c.now())
        ? reject(Prefix.INVALID, "event has expired")
        : ACCEPT;
  }

  /** Nothing is written to a private relay without NIP-42 authentication. */
  static PolicyResult authRequired(WriteContext c) {
    return c.authed().isEmpty()
        ? reject(Prefix.AUTH_REQUIRED, "this relay only accepts events from authenticated members")
        : ACCEPT;
  }

  /**
   * The connection is authenticated as a key that may write the kind, and (except for gift wraps,
   * signed by throwaway keys) the author may write the kind here too.
   */
  static PolicyResult memberWriter(WriteContext c) {
    Event e = c.event();
    if (e.kind() != GIFT_WRAP
        && c.authed().contains(e.pubkey())
        && c.membership().mayWrite(c.relay().path(), e.pubkey(), e.kind(), c.now())) {
      return ACCEPT; // the usual case: an authenticated author who may write (one lookup)
    }
    if (!c.writerAuthenticated()) {
      return reject(Prefix.RESTRICTED, "no authenticated key may write kind " + e.kind() + " here");
    }
    if (e.kind() != GIFT_WRAP
        && !c.membership().mayWrite(c.relay().path(), e.pubkey(), e.kind(), c.now())) {
      return reject(Prefix.RESTRICTED, "the author may not write kind " + e.kind() + " here");
    }
    return ACCEPT;
  }

  /**
   * Kinds reserved to some roles ({@code writers}; by default the fine-tune job kinds): the author
   * must hold one of them, on a grant that may write the kind.
   */
  static PolicyResult kindWriters(WriteContext c) {
    Event e = c.event();
    Set<Role> roles = c.relay().writersOf(e.kind());
    if (roles.isEmpty()
        || c.membership().writesAs(c.relay().path(), e.pubkey(), e.kind(), roles, c.now())) {
      return ACCEPT;
    }
    return reject(Prefix.RESTRICTED, KindWriters.refusal(e.kind(), roles));
  }

  /** A gift wrap must name at least one recipient, and every recipient must be a member. */
  static PolicyResult giftWrapRecipients(WriteContext c) {
    Event e = c.event();
    if (e.kind() != GIFT_WRAP) {
      return ACCEPT;
    }
    List<String> recipients = e.tagValues("p");
    if (recipients.isEmpty()) {
      return reject(Prefix.INVALID, "a gift wrap needs a p tag");
    }
    for (String p : recipients) {
      if (!c.membership().isMember(c.relay().path(), p, c.now())) {
        return reject(Prefix.RESTRICTED, "gift wrap recipient is not a member of this relay");
      }
    }
    return ACCEPT;
  }

  /** NIP-70: an event tagged {@code ["-"]} is accepted only from its authenticated author. */
  static PolicyResult protectedEvent(WriteContext c) {
    Event e = c.event();
    if (!isProtected(e) || c.authorAuthenticated()) {
      return ACCEPT;
    }
    return c.authed().isEmpty()
        ? reject(Prefix.AUTH_REQUIRED, "this event may only be published by its author")
        : reject(Prefix.RESTRICTED, "this event may only be published by its author");
  }

  /** Tagged {@code ["-"]} (a loop: this runs for every event). */
  private static boolean isProtected(Event e) {
    for (List<String> t : e.tags()) {
      if (t.size() == 1 && t.get(0).equals("-")) {
        return true;
      }
    }
    return false;
  }
}
