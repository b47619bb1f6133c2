package org.hearth.relay.ws;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Hex;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.InvalidEventException;
import org.hearth.nostr.event.KindClass;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.Prefix;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.nostr.nip42.AuthResult;
import org.hearth.nostr.nip42.AuthVerifier;
import org.hearth.nostr.nip42.Nip42;
import org.hearth.relay.access.Membership;
import org.hearth.relay.admin.AdminRules;
import org.hearth.relay.admin.nip43.JoinRequests;
import org.hearth.relay.config.RelayConfig;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Relays;
import org.hearth.relay.fanout.FanoutBus;
import org.hearth.relay.fanout.FanoutEvent;
import org.hearth.relay.limits.RateLimits;
import org.hearth.relay.metrics.RelayMetrics;
import org.hearth.relay.policy.PolicyChain;
import org.hearth.relay.policy.PolicyResult;
import org.hearth.relay.policy.WriteContext;
import org.hearth.relay.policy.WritePolicies;
import org.hearth.relay.storage.GroupCommitter;
import org.hearth.relay.storage.StoreResult;
import org.jboss.logging.Logger;

/**
 * NIP-01/42/45 message handling for one frame of one session: decode, then EVENT (validate, policy
 * chain, group commit, OK, fan-out), REQ/COUNT ({@link ReadHandler}), CLOSE, AUTH.
 */
@Singleton // on the path of every EVENT: no client proxy lookup per call
@Startup
public class RelayProtocol {
  private static final Logger LOG = Logger.getLogger(RelayProtocol.class);

  /** Keys one connection may authenticate as (NIP-42 allows several). */
  static final int MAX_KEYS_PER_CONNECTION = 16;

  private final RelayConfig config;
  private final Membership membership;
  private final GroupCommitter committer;
  private final FanoutBus fanout;
  private final ReadHandler reads;
  private final RelayMetrics metrics;
  private final RateLimits rateLimits;
  private final AdminRules adminRules;
  private final JoinRequests joins;
  private final AuthVerifier authVerifier = new AuthVerifier();
  private final Map<String, PolicyChain<WriteContext>> chains;

  public RelayProtocol(
      RelayConfig config,
      Relays relays,
      Membership membership,
      GroupCommitter committer,
      FanoutBus fanout,
      ReadHandler reads,
      RelayMetrics metrics,
      RateLimits rateLimits,
      AdminRules adminRules,
      JoinRequests joins) {
    this.metrics = metrics;
    this.rateLimits = rateLimits;
    this.config = config;
    this.membership = membership;
    this.committer = committer;
    this.fanout = fanout;
    this.reads = reads;
    this.adminRules = adminRules;
    this.joins = joins;
    Map<String, PolicyChain<WriteContext>> c = new HashMap<>();
    for (RelaySettings r : relays.all()) {
      c.put(r.path(), PolicyChain.of(r.writePolicies(), WritePolicies.BUILT_IN));
    }
    this.chains = Map.copyOf(c);
  }

  /** The write policy chain of a relay (as configured, for NIP-11 and the admin API). */
  public PolicyChain<WriteContext> chain(String relay) {
    return chains.get(relay);
  }

  void onOpen(RelaySession s) {
    s.send(new RelayMessage.AuthChallenge(s.challenge()));
  }

  void onFrame(RelaySession s, String frame) {
    int max = config.limits().maxMessageBytes();
    if (frame.length() > max / 3 && frame.getBytes(StandardCharsets.UTF_8).length > max) {
      s.send(new RelayMessage.Notice("invalid: message larger than " + max + " bytes"));
      return;
    }
    ClientMessage m;
    try {
      m = MessageCodec.decodeClient(frame);
    } catch (DecodeException e) {
      String why = "invalid: " + e.getMessage();
      Optional<String> id = FrameErrors.eventId(frame);
      if (id.isPresent()) {
        s.send(new RelayMessage.Ok(id.get(), false, why));
        return;
      }
      Optional<String> sub = FrameErrors.subscriptionId(frame);
      if (sub.isPresent()) {
        // A bad REQ/COUNT ends that subscription (as a REQ replaces one with the same id) and
        // says so with CLOSED, so the client does not wait for an EOSE.
        reads.close(s, sub.get());
        s.send(new RelayMessage.Closed(sub.get(), why));
        return;
      }
      s.send(new RelayMessage.Notice(why));
      return;
    }
    switch (m) {
      case ClientMessage.Publish p -> publish(s, p.event());
      case ClientMessage.Req r -> reads.req(s, r);
      case ClientMessage.Count c -> reads.count(s, c);
      case ClientMessage.Close c -> reads.close(s, c.subscriptionId());
      case ClientMessage.Auth a -> auth(s, a.event());
    }
  }

  private void auth(RelaySession s, Event e) {
    if (s.authed().size() >= MAX_KEYS_PER_CONNECTION && !s.authed().contains(e.pubkey())) {
      s.send(
          RelayMessage.Ok.rejected(
              e.id(),
              Prefix.RESTRICTED,
              "at most " + MAX_KEYS_PER_CONNECTION + " keys per connection"));
      return;
    }
    AuthResult r = authVerifier.verify(e, s.challenge(), s.connectedUrl());
    if (r instanceof AuthResult.Failed f
        && f.reason() == AuthResult.Reason.RELAY_MISMATCH
        && s.settings().publicUrl().isPresent()) {
      r = authVerifier.verify(e, s.challenge(), s.settings().publicUrl().get().toString());
    }
    switch (r) {
      case AuthResult.Ok ok -> {
        s.authenticate(ok.pubkey().hex());
        s.send(RelayMessage.Ok.accepted(e.id()));
      }
      case AuthResult.Failed f ->
          s.send(RelayMessage.Ok.rejected(e.id(), Prefix.INVALID, f.message()));
    }
  }

  private void publish(RelaySession s, Event e) {
    if (!Hex.isLowerHex(e.id(), 32)) {
      // An OK must name a well-formed id: clients (and our codec) reject any other OK frame.
      s.send(new RelayMessage.Notice("invalid: event id must be 64 lower-case hex characters"));
      return;
    }
    try {
      e.validate();
    } catch (InvalidEventException ex) {
      metrics.event(s.relay(), Prefix.INVALID.word());
      s.send(RelayMessage.Ok.rejected(e.id(), Prefix.INVALID, ex.getMessage()));
      return;
    }
    if (!s.allowEvent()) {
      metrics.event(s.relay(), Prefix.RATE_LIMITED.word());
      s.send(
          RelayMessage.Ok.rejected(
              e.id(),
              Prefix.RATE_LIMITED,
              "more than " + rateLimits.connectionRate() + " events/s on this connection"));
      return;
    }
    if (e.kind() == Nip42.AUTH_KIND) {
      s.send(RelayMessage.Ok.rejected(e.id(), Prefix.INVALID, "send AUTH events with AUTH"));
      return;
    }
    long now = Instant.now().getEpochSecond();
    if (JoinRequests.handles(e.kind())) {
      joins
          .handle(s.settings(), e, "websocket", now)
          .subscribe()
          .with(
              s::send,
              err ->
                  s.send(
                      RelayMessage.Ok.rejected(
                          e.id(), Prefix.ERROR, "could not process the request")));
      return;
    }
    if (adminRules.check(s.relay(), e) instanceof PolicyResult.Reject r) {
      metrics.event(s.relay(), r.prefix().word());
      s.send(RelayMessage.Ok.rejected(e.id(), r.prefix(), r.message()));
      return;
    }
    WriteContext ctx =
        new WriteContext(s.settings(), s.authedSnapshot(), e, now, membership, config.limits());
    switch (chains.get(s.relay()).check(ctx)) {
      case PolicyResult.Reject r -> {
        metrics.event(s.relay(), r.prefix().word());
        s.send(RelayMessage.Ok.rejected(e.id(), r.prefix(), r.message()));
      }
      case PolicyResult.ShadowReject r -> {
        metrics.event(s.relay(), "shadow");
        s.sendAccepted(e.id());
      }
      case PolicyResult.Accept a -> {
        if (rateLimits.allowAuthor(e.pubkey())) {
          accept(s, e);
        } else {
          metrics.event(s.relay(), Prefix.RATE_LIMITED.word());
          s.send(
              RelayMessage.Ok.rejected(
                  e.id(),
                  Prefix.RATE_LIMITED,
                  "more than " + rateLimits.pubkeyRate() + " events/s from this author"));
        }
      }
    }
  }

  private void accept(RelaySession s, Event e) {
    if (e.kindClass() == KindClass.EPHEMERAL) {
      metrics.event(s.relay(), "ephemeral");
      s.sendAccepted(e.id());
      fanout.publish(new FanoutEvent(s.relay(), e));
      return;
    }
    CompletableFuture<StoreResult> write = committer.submit(s.relay(), e);
    s.wrote(write);
    // A plain callback on the committing thread: no Uni and no context capture per event.
    write.whenComplete(
        (result, err) -> {
          if (err != null) {
            LOG.warnf("storing %s failed: %s", e.id(), err.toString());
            metrics.event(s.relay(), Prefix.ERROR.word());
            s.send(RelayMessage.Ok.rejected(e.id(), Prefix.ERROR, "could not store the event"));
            return;
          }
          metrics.event(s.relay(), outcome(result));
          switch (result) {
            case StoreResult.Stored st -> {
              s.sendAccepted(e.id());
              fanout.publish(new FanoutEvent(s.relay(), e));
            }
            case StoreResult.Duplicate d -> s.send(new RelayMessage.Ok(e.id(), true, d.why()));
            case StoreResult.Blocked b -> s.send(new RelayMessage.Ok(e.id(), false, b.why()));
          }
        });
  }

  private static String outcome(StoreResult r) {
    return switch (r) {
      case StoreResult.Stored st -> "stored";
      case StoreResult.Duplicate d -> "duplicate";
      case StoreResult.Blocked b -> "blocked";
    };
  }
}
