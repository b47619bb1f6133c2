package org.hearth.relay.ws;

import io.quarkus.runtime.Startup;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.Prefix;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.access.Membership;
import org.hearth.relay.config.RelayConfig;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Relays;
import org.hearth.relay.fanout.DeliveryBatch;
import org.hearth.relay.fanout.LiveSubscription;
import org.hearth.relay.fanout.OutgoingEvent;
import org.hearth.relay.fanout.SubscriptionIndex;
import org.hearth.relay.limits.RateLimits;
import org.hearth.relay.metrics.RelayMetrics;
import org.hearth.relay.policy.PolicyChain;
import org.hearth.relay.policy.PolicyResult;
import org.hearth.relay.policy.ReadContext;
import org.hearth.relay.policy.ReadPolicies;
import org.hearth.relay.storage.EventQueries;
import org.hearth.relay.storage.PrivacyClause;
import org.hearth.relay.storage.StoredEvent;
import org.jboss.logging.Logger;

/**
 * REQ, COUNT and CLOSE. Every event read from storage passes {@link RelaySession#canRead} (the one
 * access check) before it is sent or counted; live events pass the same check on delivery.
 */
@ApplicationScoped
@Startup
public class ReadHandler {
  private static final Logger LOG = Logger.getLogger(ReadHandler.class);

  /** PostgreSQL's SQLSTATE for a statement cancelled by {@code statement_timeout}. */
  private static final String QUERY_CANCELED = "57014";

  private final RelayConfig.Limits limits;
  private final Membership membership;
  private final EventQueries queries;
  private final SubscriptionIndex index;
  private final RelayMetrics metrics;
  private final RateLimits rateLimits;
  private final Map<String, PolicyChain<ReadContext>> chains;

  public ReadHandler(
      RelayConfig config,
      Membership membership,
      EventQueries queries,
      SubscriptionIndex index,
      RelayMetrics metrics,
      Relays relays,
      RateLimits rateLimits) {
    this.metrics = metrics;
    this.rateLimits = rateLimits;
    Map<String, PolicyChain<ReadContext>> c = new HashMap<>();
    for (RelaySettings r : relays.all()) {
      c.put(r.path(), PolicyChain.of(r.readPolicies(), ReadPolicies.BUILT_IN));
    }
    this.chains = Map.copyOf(c);
    this.limits = config.limits();
    this.membership = membership;
    this.queries = queries;
    this.index = index;
  }

  /** Keys on the session that may read something here; empty means refuse with the reason. */
  private List<String> readers(RelaySession s, long now) {
    List<String> out = new ArrayList<>();
    for (String pk : s.authed()) {
      if (membership.readsAnything(s.relay(), pk, now)) {
        out.add(pk);
      }
    }
    return out;
  }

  /** Null when the relay's read policies allow the request, else the CLOSED reason. */
  private String refusal(RelaySession s, List<String> readers, List<Filter> filters) {
    ReadContext ctx = new ReadContext(s.settings(), s.authedSnapshot(), readers, filters, limits);
    return switch (chains.get(s.relay()).check(ctx)) {
      case PolicyResult.Accept a -> null;
      case PolicyResult.Reject r -> r.prefix().format(r.message());
      case PolicyResult.ShadowReject r -> Prefix.BLOCKED.format("not available");
    };
  }

  /** The CLOSED reason for a REQ/COUNT over the connection's rate, or null when it may run. */
  private String rateLimited(RelaySession s) {
    return s.allowReq()
        ? null
        : Prefix.RATE_LIMITED.format(
            "more than " + rateLimits.reqRate() + " REQ/COUNT per second on this connection");
  }

  /** The CLOSED reason for a failed query: the statement timeout, or a generic failure. */
  private String failure(Throwable err, String what) {
    if (err instanceof PgException pg && QUERY_CANCELED.equals(pg.getSqlState())) {
      return Prefix.ERROR.format(
          what + " took longer than " + limits.queryTimeout().toMillis() + " ms");
    }
    return Prefix.ERROR.format(what + " failed");
  }

  void req(RelaySession s, ClientMessage.Req r) {
    ReqStages trace = ReqStages.start(s.takeArrived());
    if (trace != null) {
      trace.decoded();
    }
    String limited = rateLimited(s);
    if (limited != null) {
      s.send(new RelayMessage.Closed(r.subscriptionId(), limited));
      return;
    }
    long now = Instant.now().getEpochSecond();
    List<String> readers = readers(s, now);
    String refused = refusal(s, readers, r.filters());
    if (refused == null
        && !s.subscriptions().containsKey(r.subscriptionId())
        && s.subscriptions().size() >= limits.maxSubscriptions()) {
      refused = Prefix.BLOCKED.format("at most " + limits.maxSubscriptions() + " subscriptions");
    }
    if (refused != null) {
      s.send(new RelayMessage.Closed(r.subscriptionId(), refused));
      return;
    }
    close(s, r.subscriptionId());
    LiveSubscription live = new LiveSubscription(s, r.subscriptionId(), r.filters());
    s.subscriptions().put(r.subscriptionId(), live);
    index.add(live);
    PrivacyClause privacy = PrivacyClause.of(s.settings(), readers);
    if (trace != null) {
      trace.checked();
    }
    s.afterWrites(() -> stored(s, live, privacy, now, trace));
  }

  /**
   * The stored part of a REQ: query, check and send each row, EOSE, then the live events that
   * arrived meanwhile. Runs on the connection's event loop, and so does the answer when the loop's
   * own read connections serve it (see {@link EventQueries#query}).
   */
  private void stored(
      RelaySession s, LiveSubscription live, PrivacyClause privacy, long now, ReqStages trace) {
    long started = System.nanoTime();
    queries.query(
        s.relay(),
        live.filters(),
        privacy,
        limits.defaultLimit(),
        limits.maxLimit(),
        now,
        (events, err) -> {
          if (err != null) {
            LOG.warnf("REQ %s failed: %s", live.id(), err.toString());
            if (s.subscriptions().remove(live.id(), live)) {
              index.remove(live);
            }
            s.send(new RelayMessage.Closed(live.id(), failure(err, "the query")));
            return;
          }
          if (trace != null) {
            trace.rows(events.size());
          }
          metrics.query(s.relay(), "req", Duration.ofNanos(System.nanoTime() - started));
          answer(s, live, events, trace);
        });
    if (trace != null) {
      trace.submitted();
    }
  }

  /** Sends the readable rows, EOSE, and the live events buffered meanwhile that were not sent. */
  private static void answer(
      RelaySession s, LiveSubscription live, List<StoredEvent> events, ReqStages trace) {
    if (live.closed()) {
      return;
    }
    byte[] head = live.framePrefixUtf8();
    for (int i = 0; i < events.size(); i++) {
      StoredEvent stored = events.get(i);
      if (s.canRead(stored)) { // the access check, before any byte is sent
        s.sendSpliced(head, stored.json()); // the stored bytes as is
      } else {
        events.set(i, null); // not sent: a live copy may still go out below
      }
    }
    s.send(new RelayMessage.Eose(live.id()));
    if (trace != null) {
      trace.queued();
      s.afterFlush(trace::flushed);
    }
    List<Event> arrived = live.goLive();
    if (arrived.isEmpty()) {
      return;
    }
    Set<String> sent = new HashSet<>();
    for (StoredEvent stored : events) {
      if (stored != null) {
        sent.add(stored.id());
      }
    }
    DeliveryBatch batch = new DeliveryBatch();
    for (Event e : arrived) {
      if (sent.add(e.id())) {
        s.deliverLive(live, new OutgoingEvent(e), batch);
      }
    }
    batch.run();
  }

  void count(RelaySession s, ClientMessage.Count c) {
    String limited = rateLimited(s);
    if (limited != null) {
      s.send(new RelayMessage.Closed(c.subscriptionId(), limited));
      return;
    }
    long now = Instant.now().getEpochSecond();
    List<String> readers = readers(s, now);
    String refused = refusal(s, readers, c.filters());
    if (refused != null) {
      s.send(new RelayMessage.Closed(c.subscriptionId(), refused));
      return;
    }
    int cap = limits.maxCount();
    List<Filter> unlimited = new ArrayList<>();
    for (Filter f : c.filters()) {
      unlimited.add(
          new Filter(
              f.ids(),
              f.authors(),
              f.kinds(),
              f.tags(),
              f.since(),
              f.until(),
              OptionalInt.empty(),
              f.search()));
    }
    PrivacyClause privacy = PrivacyClause.of(s.settings(), readers);
    s.afterWrites(
        () -> {
          long started = System.nanoTime();
          queries.query(
              s.relay(),
              unlimited,
              privacy,
              cap + 1,
              cap + 1,
              now,
              (events, err) -> {
                if (err != null) {
                  LOG.warnf("COUNT %s failed: %s", c.subscriptionId(), err.toString());
                  s.send(new RelayMessage.Closed(c.subscriptionId(), failure(err, "the count")));
                  return;
                }
                metrics.query(s.relay(), "count", Duration.ofNanos(System.nanoTime() - started));
                long n = 0;
                for (StoredEvent e : events) {
                  if (s.canRead(e)) {
                    n++;
                  }
                }
                boolean approximate = n > cap;
                s.send(
                    new RelayMessage.CountResult(
                        c.subscriptionId(), Math.min(n, cap), approximate));
              });
        });
  }

  void close(RelaySession s, String subscriptionId) {
    LiveSubscription old = s.subscriptions().remove(subscriptionId);
    if (old != null) {
      index.remove(old);
    }
  }

  void closeAll(RelaySession s) {
    for (String id : List.copyOf(s.subscriptions().keySet())) {
      close(s, id);
    }
  }
}
