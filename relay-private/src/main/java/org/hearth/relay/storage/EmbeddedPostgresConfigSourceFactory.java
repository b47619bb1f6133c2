package org.hearth.relay.storage;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Starts an embedded PostgreSQL (zonky) under {@code <hearth.relay.data-dir>/pg} when no datasource
 * URL is configured, and supplies the JDBC (Flyway) and reactive (event store) URLs for it. Running
 * as a config source guarantees the database is up before Quarkus creates the datasources.
 *
 * <p>Disabled by {@code hearth.relay.embedded-postgres=false} and whenever {@code
 * quarkus.datasource.reactive.url} or {@code quarkus.datasource.jdbc.url} is set.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {
  static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
  static final String JDBC_URL = "quarkus.datasource.jdbc.url";

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    if (isSet(context.getValue(REACTIVE_URL)) || isSet(context.getValue(JDBC_URL))) {
      return List.of();
    }
    ConfigValue enabled = context.getValue("hearth.relay.embedded-postgres");
    if (isSet(enabled) && !Boolean.parseBoolean(enabled.getValue())) {
      return List.of();
    }
    ConfigValue dir = context.getValue("hearth.relay.data-dir");
    Path dataDir = Paths.get(isSet(dir) ? dir.getValue() : "hearth-data");
    int port = EmbeddedPostgresHolder.start(dataDir.resolve("pg"));
    return List.of(new PropertiesConfigSource(urls(port), "hearth-embedded-postgres", 275));
  }

  static Map<String, String> urls(int port) {
    return Map.of(
        REACTIVE_URL,
        "postgresql://127.0.0.1:" + port + "/postgres",
        JDBC_URL,
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
        "quarkus.datasource.username",
        "postgres",
        "quarkus.datasource.password",
        "postgres");
  }

  private static boolean isSet(ConfigValue v) {
    return v != null && v.getValue() != null && !v.getValue().isBlank();
  }

  /** Makes sure the cluster directory's parent exists and can be entered by the server user. */
  static void prepare(Path clusterDir) {
    try {
      Files.createDirectories(clusterDir.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + clusterDir.getParent(), e);
    }
  }
}
