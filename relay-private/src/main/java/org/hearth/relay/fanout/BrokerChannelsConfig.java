package org.hearth.relay.fanout;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns {@code hearth.relay.fanout.*} into the SmallRye RabbitMQ connector's channel settings, at
 * every start. The connector is bound to {@link FanoutBroker#OUT} and {@link FanoutBroker#IN} at
 * build time; with mode {@code in-memory} both channels are disabled ({@code enabled=false}) so the
 * relay never contacts a broker. Its ordinal (275) sits above {@code application.properties} and
 * below environment variables and system properties, so an explicit {@code mp.messaging.*} setting
 * still wins. Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public final class BrokerChannelsConfig implements ConfigSourceFactory {
  static final String PREFIX = "hearth.relay.fanout.";
  static final int ORDINAL = 275;

  @Override
  public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(
      ConfigSourceContext context) {
    Map<String, String> p = new HashMap<>();
    boolean broker =
        "rabbitmq".equals(value(context, "mode", "in-memory").toLowerCase(Locale.ROOT));
    String out = "mp.messaging.outgoing." + FanoutBroker.OUT + ".";
    String in = "mp.messaging.incoming." + FanoutBroker.IN + ".";
    p.put(out + "enabled", Boolean.toString(broker));
    p.put(in + "enabled", Boolean.toString(broker));
    if (broker) {
      String exchange = value(context, "exchange", "hearth.relay.events");
      String instance = value(context, "instance-id", null);
      if (instance == null) {
        instance = UUID.randomUUID().toString();
        p.put(PREFIX + "instance-id", instance);
      }
      for (String ch : List.of(out, in)) {
        p.put(ch + "connector", "smallrye-rabbitmq");
        p.put(ch + "host", value(context, "rabbitmq.host", "localhost"));
        p.put(ch + "port", value(context, "rabbitmq.port", "5672"));
        p.put(ch + "virtual-host", value(context, "rabbitmq.virtual-host", "/"));
        p.put(ch + "username", value(context, "rabbitmq.username", "guest"));
        p.put(ch + "password", password(context));
        p.put(ch + "exchange.name", exchange);
        p.put(ch + "exchange.type", "fanout");
        p.put(ch + "exchange.durable", "false");
        p.put(ch + "exchange.auto-delete", "true");
        p.put(ch + "automatic-recovery-enabled", "true");
        p.put(ch + "network-recovery-interval", seconds(context) * 1000 + "");
        p.put(ch + "reconnect-interval", Integer.toString(seconds(context)));
        p.put(ch + "reconnect-attempts", Integer.toString(Integer.MAX_VALUE));
        p.put(ch + "connection-timeout", "5000");
        p.put(ch + "tracing.enabled", "false");
      }
      p.put(out + "max-inflight-messages", "4096");
      p.put(out + "retry-on-fail-attempts", "0");
      p.put(in + "queue.name", exchange + "." + instance);
      p.put(in + "queue.exclusive", "true");
      p.put(in + "queue.auto-delete", "true");
      p.put(in + "queue.durable", "false");
      p.put(in + "auto-acknowledgement", "true");
      p.put(in + "content-type-override", "text/plain");
    }
    return List.of(new MapBackedConfigSource("hearth-fanout-channels", p, ORDINAL) {});
  }

  private static int seconds(ConfigSourceContext context) {
    return Integer.parseInt(value(context, "rabbitmq.reconnect-interval-seconds", "5"));
  }

  private static String password(ConfigSourceContext context) {
    String file = value(context, "rabbitmq.password-file", null);
    if (file != null) {
      try {
        List<String> lines = Files.readAllLines(Path.of(file));
        return lines.isEmpty() ? "" : lines.get(0).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "hearth.relay.fanout.rabbitmq.password-file: cannot read " + file, e);
      }
    }
    return value(context, "rabbitmq.password", "guest");
  }

  private static String value(ConfigSourceContext context, String key, String fallback) {
    ConfigValue v = context.getValue(PREFIX + key);
    return v == null || v.getValue() == null || v.getValue().isBlank() ? fallback : v.getValue();
  }
}
