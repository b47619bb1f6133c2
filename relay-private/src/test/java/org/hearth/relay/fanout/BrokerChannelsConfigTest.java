package org.hearth.relay.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerChannelsConfigTest {
  private static final String IN = "mp.messaging.incoming.relay-events-in.";
  private static final String OUT = "mp.messaging.outgoing.relay-events-out.";

  private static SmallRyeConfig config(Map<String, String> props) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(props, "test", 250))
        .withSources(new BrokerChannelsConfig())
        .build();
  }

  private static Optional<String> value(SmallRyeConfig c, String key) {
    return c.getOptionalValue(key, String.class);
  }

  @Test
  void inMemoryByDefaultDisablesBothBrokerChannels() {
    SmallRyeConfig c = config(Map.of());
    assertThat(value(c, IN + "enabled")).contains("false");
    assertThat(value(c, OUT + "enabled")).contains("false");
    assertThat(value(c, IN + "host")).isEmpty();
  }

  @Test
  void rabbitmqModeBindsAFanoutExchangeAndAnExclusiveQueuePerInstance() {
    SmallRyeConfig c =
        config(
            Map.of(
                "hearth.relay.fanout.mode", "rabbitmq",
                "hearth.relay.fanout.exchange", "ex",
                "hearth.relay.fanout.instance-id", "r1",
                "hearth.relay.fanout.rabbitmq.host", "mq",
                "hearth.relay.fanout.rabbitmq.password", "s3cret"));
    for (String ch : new String[] {IN, OUT}) {
      assertThat(value(c, ch + "enabled")).contains("true");
      assertThat(value(c, ch + "connector")).contains("smallrye-rabbitmq");
      assertThat(value(c, ch + "host")).contains("mq");
      assertThat(value(c, ch + "port")).contains("5672");
      assertThat(value(c, ch + "password")).contains("s3cret");
      assertThat(value(c, ch + "exchange.name")).contains("ex");
      assertThat(value(c, ch + "exchange.type")).contains("fanout");
    }
    assertThat(value(c, IN + "queue.name")).contains("ex.r1");
    assertThat(value(c, IN + "queue.exclusive")).contains("true");
    assertThat(value(c, IN + "queue.auto-delete")).contains("true");
  }

  @Test
  void withoutAnInstanceIdOneIsGeneratedAndUsedForTheQueue() {
    SmallRyeConfig c = config(Map.of("hearth.relay.fanout.mode", "rabbitmq"));
    String id = value(c, "hearth.relay.fanout.instance-id").orElseThrow();
    assertThat(value(c, IN + "queue.name")).contains("hearth.relay.events." + id);
  }

  @Test
  void thePasswordFileWinsAndAnUnreadableOneIsAClearError(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
    SmallRyeConfig c =
        config(
            Map.of(
                "hearth.relay.fanout.mode", "rabbitmq",
                "hearth.relay.fanout.rabbitmq.password", "from-env",
                "hearth.relay.fanout.rabbitmq.password-file", file.toString()));
    assertThat(value(c, OUT + "password")).contains("from-file");
    assertThatThrownBy(
            () ->
                config(
                    Map.of(
                        "hearth.relay.fanout.mode",
                        "rabbitmq",
                        "hearth.relay.fanout.rabbitmq.password-file",
                        dir.resolve("missing").toString())))
        .hasStackTraceContaining("password-file: cannot read");
  }
}
