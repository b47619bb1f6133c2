package org.hearth.assistant.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.time.Duration;
import java.util.Map;
import org.hearth.assistant.config.AssistantConfig;

/**
 * Builds an {@link AssistantConfig} outside Quarkus (with Quarkus' duration syntax such as {@code
 * 2d}), from defaults plus the given properties.
 */
public final class TestConfig {
  private TestConfig() {}

  public static AssistantConfig of(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(AssistantConfig.class)
            .withConverter(Duration.class, 200, new DurationConverter())
            .withSources(new MapBackedConfigSource("test", properties, 500) {})
            .addDefaultInterceptors()
            .build();
    return config.getConfigMapping(AssistantConfig.class);
  }
}
