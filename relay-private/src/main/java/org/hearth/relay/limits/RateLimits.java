package org.hearth.relay.limits;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.relay.config.RelayConfig;

/**
 * Rate limits: per connection one bucket for events ({@link #newConnectionBucket}) and one for
 * REQ/COUNT messages ({@link #newReqBucket}); for events also one per author key, shared by all
 * connections and relays. Author buckets exist only for keys whose event passed the write policies
 * (members), so the map stays as small as the household.
 */
@Singleton // on the path of every EVENT: no client proxy lookup per call
public class RateLimits {
  private final RelayConfig.Limits limits;
  private final Map<String, TokenBucket> byPubkey = new ConcurrentHashMap<>();

  public RateLimits(RelayConfig config) {
    this.limits = config.limits();
  }

  public TokenBucket newConnectionBucket() {
    return new TokenBucket(
        limits.connectionEventsPerSecond(), limits.connectionEventBurst(), System.nanoTime());
  }

  /** A bucket for the REQ and COUNT messages of one connection. */
  public TokenBucket newReqBucket() {
    return new TokenBucket(
        limits.connectionReqsPerSecond(), limits.connectionReqBurst(), System.nanoTime());
  }

  /** The connection rate for REQ/COUNT, e.g. {@code 50}. */
  public String reqRate() {
    return plain(limits.connectionReqsPerSecond());
  }

  /** True when {@code pubkey} may publish one more event now. */
  public boolean allowAuthor(String pubkey) {
    long now = System.nanoTime();
    return byPubkey
        .computeIfAbsent(
            pubkey,
            k -> new TokenBucket(limits.pubkeyEventsPerSecond(), limits.pubkeyEventBurst(), now))
        .tryTake(now);
  }

  /** The connection rate for messages, e.g. {@code 2000} or {@code 0.5}. */
  public String connectionRate() {
    return plain(limits.connectionEventsPerSecond());
  }

  public String pubkeyRate() {
    return plain(limits.pubkeyEventsPerSecond());
  }

  private static String plain(double rate) {
    return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
  }
}
