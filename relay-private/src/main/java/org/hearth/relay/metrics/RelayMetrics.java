package org.hearth.relay.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Prometheus metrics ({@code /q/metrics}): {@code hearth_relay_events_total{relay,result}} (result:
 * stored, duplicate, ephemeral, or the rejection prefix), {@code hearth_relay_query_seconds} (REQ
 * and COUNT latency) and {@code hearth_relay_connections}.
 */
@Singleton // on the path of every EVENT: no client proxy lookup per call
public class RelayMetrics {
  private final MeterRegistry registry;
  private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  private volatile Supplier<Number> open = () -> 0;

  public RelayMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("hearth.relay.connections", this, m -> m.open.get().doubleValue())
        .description("open websocket connections")
        .register(registry);
  }

  /** Where the open-connections gauge reads from. */
  public void connections(Supplier<Number> open) {
    this.open = open;
  }

  /** One event handled with {@code result}. */
  public void event(String relay, String result) {
    // two lookups by the strings as given (constants, relay paths): no key built per event
    counters
        .computeIfAbsent(relay, r -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            result,
            k ->
                Counter.builder("hearth.relay.events")
                    .description("events received, by outcome")
                    .tag("relay", relay)
                    .tag("result", result)
                    .register(registry))
        .increment();
  }

  /** The latency of one stored-events query ({@code kind}: req or count). */
  public void query(String relay, String kind, Duration took) {
    timers
        .computeIfAbsent(
            relay + '\n' + kind,
            k ->
                Timer.builder("hearth.relay.query")
                    .description("stored-event query latency")
                    .tag("relay", relay)
                    .tag("kind", kind)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(took);
  }
}
