package org.hearth.finetune.job;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@code hearth.finetune.messaging.*} into the SmallRye RabbitMQ connector's settings of the
 * job channels {@link JobQueue#TO_BROKER} and {@link JobWorker#BROKER}, at every start. With mode
 * {@code in-memory} both are disabled and the service never contacts a broker. With {@code
 * rabbitmq}, job ids go through a durable queue (behind a direct exchange of the same name) that
 * every replica reads with one unacknowledged message at a time: a job is acknowledged when its run
 * ends. Ordinal 275: above application.properties, below environment and system properties.
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public final class JobChannelsConfig implements ConfigSourceFactory {
  static final String PREFIX = "hearth.finetune.messaging.";
  static final int ORDINAL = 275;

  @Override
  public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(
      ConfigSourceContext context) {
    Map<String, String> p = new HashMap<>();
    String mode = value(context, "mode", "in-memory").toLowerCase(Locale.ROOT).replace('_', '-');
    boolean broker = mode.equals("rabbitmq");
    String out = "mp.messaging.outgoing." + JobQueue.TO_BROKER + ".";
    String in = "mp.messaging.incoming." + JobWorker.BROKER + ".";
    p.put(out + "enabled", Boolean.toString(broker));
    p.put(in + "enabled", Boolean.toString(broker));
    if (broker) {
      String queue = value(context, "queue", "hearth.finetune.jobs");
      for (String ch : List.of(out, in)) {
        p.put(ch + "connector", "smallrye-rabbitmq");
        p.put(ch + "host", value(context, "host", "localhost"));
        p.put(ch + "port", value(context, "port", "5672"));
        p.put(ch + "username", value(context, "username", "guest"));
        p.put(ch + "password", value(context, "password", "guest"));
        p.put(ch + "exchange.name", queue);
        p.put(ch + "exchange.type", "direct");
        p.put(ch + "exchange.durable", "true");
        p.put(ch + "automatic-recovery-enabled", "true");
        p.put(ch + "connection-timeout", "5000");
        p.put(ch + "tracing.enabled", "false");
      }
      p.put(out + "default-routing-key", "job");
      p.put(out + "retry-on-fail-attempts", "3");
      p.put(in + "queue.name", queue);
      p.put(in + "queue.durable", "true");
      p.put(in + "routing-keys", "job");
      p.put(in + "max-outstanding-messages", "1");
      p.put(in + "content-type-override", "text/plain");
    }
    return List.of(new MapBackedConfigSource("hearth-finetune-channels", p, ORDINAL) {});
  }

  private static String value(ConfigSourceContext context, String key, String fallback) {
    ConfigValue v = context.getValue(PREFIX + key);
    return v == null || v.getValue() == null || v.getValue().isBlank() ? fallback : v.getValue();
  }
}
