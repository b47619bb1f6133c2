package org.hearth.assistant.dm;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.hearth.assistant.answer.Answer;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.nostr.Nip19;
import org.hearth.assistant.reply.ReplyService;
import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.Event;
import org.jboss.logging.Logger;

/**
 * One incoming DM event, end to end: open it (the real sender is the seal's signer), check
 * membership, de-duplicate, rate-limit, answer, and reply in the protocol the member used. Logs
 * carry ids, keys and reasons, never plaintext.
 */
@ApplicationScoped
public class DmService {
  private static final Logger LOG = Logger.getLogger(DmService.class);
  static final String REFUSAL =
      "Hello! I am the %s assistant and only talk with members of the %s relay. Ask one of its"
          + " admins to add you if you should be one.";
  static final String FAILURE =
      "Sorry, something went wrong while I was answering. Please try again.";

  private final ReplyService replies;
  private final MembershipService membership;
  private final ProcessedMessages processed;
  private final RefusalPolicy refusals;
  private final RateLimiter perMember;
  private final Clock clock;
  private final Map<String, ReentrantLock> conversationLocks = new ConcurrentHashMap<>();

  public DmService(
      ReplyService replies,
      MembershipService membership,
      ProcessedMessages processed,
      RefusalPolicy refusals,
      AssistantConfig config,
      Clock clock) {
    this.replies = replies;
    this.membership = membership;
    this.processed = processed;
    this.refusals = refusals;
    this.perMember = new RateLimiter(clock, config.dm().perMemberPerMinute());
    this.clock = clock;
  }

  public DmOutcome handle(ScopeSettings scope, Signer self, Event event, DmPublisher publisher) {
    String relay = scope.relay();
    IncomingDm dm;
    switch (DmCodec.open(event, self)) {
      case Decoded.Dropped d -> {
        LOG.infof("[%s] dropped event %s: %s", relay, event.id(), d.reason());
        return DmOutcome.DROPPED;
      }
      case Decoded.Message m -> dm = m.dm();
    }
    String sender = dm.sender().hex();
    if (!membership.isMember(scope, sender)) {
      if (!refusals.shouldRefuse(relay, sender)) {
        LOG.debugf("[%s] silent to non-member %s", relay, Nip19.npub(dm.sender()));
        return DmOutcome.SILENCED;
      }
      LOG.infof("[%s] refusing non-member %s", relay, Nip19.npub(dm.sender()));
      publishAll(scope, dm, self, List.of(REFUSAL.formatted(relay, relay)), publisher);
      return DmOutcome.REFUSED;
    }
    if (!processed.claim(relay, dm.messageId())) {
      LOG.debugf("[%s] message %s already handled", relay, dm.messageId());
      return DmOutcome.DUPLICATE;
    }
    if (!perMember.tryAcquire(relay + ":" + sender)) {
      processed.done(relay, dm.messageId());
      LOG.warnf(
          "[%s] %s sends too many messages: message %s dropped",
          relay, Nip19.npub(dm.sender()), dm.messageId());
      return DmOutcome.RATE_LIMITED;
    }
    List<String> parts;
    // One message of a member at a time, so that each answer sees the previous one in history.
    ReentrantLock lock =
        conversationLocks.computeIfAbsent(relay + ":" + sender, k -> new ReentrantLock());
    lock.lock();
    try {
      Answer a = replies.reply(scope, dm);
      parts = a.parts();
      LOG.infof(
          "[%s] %s message %s from %s: %s answer in %d part(s)",
          relay, dm.protocol(), dm.messageId(), Nip19.npub(dm.sender()), a.mode(), parts.size());
    } catch (RuntimeException e) {
      LOG.errorf(
          "[%s] answering message %s failed: %s", relay, dm.messageId(), e.getClass().getName());
      parts = List.of(FAILURE);
    } finally {
      lock.unlock();
    }
    if (publishAll(scope, dm, self, parts, publisher)) {
      processed.done(relay, dm.messageId());
      return DmOutcome.ANSWERED;
    }
    processed.release(relay, dm.messageId());
    return DmOutcome.PUBLISH_FAILED;
  }

  private boolean publishAll(
      ScopeSettings scope, IncomingDm dm, Signer self, List<String> parts, DmPublisher publisher) {
    long now = clock.instant().getEpochSecond();
    for (Event e : DmCodec.reply(dm, self, parts, now)) {
      if (!publisher.publish(e)) {
        LOG.warnf("[%s] the relay did not accept reply %s", scope.relay(), e.id());
        return false;
      }
    }
    return true;
  }
}
