package org.hearth.relay.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The laptop default: when no datasource URL is given (system property or environment variable),
 * starts PostgreSQL (zonky binaries) with its data under {@code <hearth.relay.data-dir>/pg} and
 * sets the datasource URLs as system properties, before Quarkus builds its configuration. Runs from
 * {@link org.hearth.relay.RelayMain}, i.e. only when the service itself starts (never during the
 * build or in tests, whose database comes from a test resource).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
  static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
  static final String JDBC_URL = "quarkus.datasource.jdbc.url";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts one when needed; empty when a datasource is configured or embedding is disabled. */
  public static Optional<EmbeddedDatabase> startIfNeeded() {
    if (setting(REACTIVE_URL).isPresent() || setting(JDBC_URL).isPresent()) {
      return Optional.empty();
    }
    if (setting("hearth.relay.embedded-postgres")
        .map(v -> !Boolean.parseBoolean(v))
        .orElse(false)) {
      return Optional.empty();
    }
    Path dataDir = Paths.get(setting("hearth.relay.data-dir").orElse("hearth-data"));
    EmbeddedDatabase db = start(dataDir.resolve("pg").toAbsolutePath().normalize());
    db.urls().forEach(System::setProperty);
    return Optional.of(db);
  }

  /** A setting from system properties, else from the environment (QUARKUS_DATASOURCE_...). */
  static Optional<String> setting(String key) {
    String v = System.getProperty(key);
    if (v == null) {
      v = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    return Optional.ofNullable(v).filter(s -> !s.isBlank());
  }

  static EmbeddedDatabase start(Path clusterDir) {
    try {
      Files.createDirectories(clusterDir.getParent());
      long t0 = System.nanoTime();
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(clusterDir)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      LOG.infof(
          "Embedded PostgreSQL on port %d, data in %s (started in %d ms)",
          pg.getPort(), clusterDir, (System.nanoTime() - t0) / 1_000_000);
      return new EmbeddedDatabase(pg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + clusterDir, e);
    }
  }

  Map<String, String> urls() {
    int port = postgres.getPort();
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

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warnf("stopping embedded PostgreSQL: %s", e.toString());
    }
  }
}
