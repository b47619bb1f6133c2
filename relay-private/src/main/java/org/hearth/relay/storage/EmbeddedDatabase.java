package org.hearth.relay.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The laptop default: when no datasource URL is configured (see {@link #setting}), starts
 * PostgreSQL (zonky binaries) with its data under {@code <hearth.relay.data-dir>/pg} and sets the
 * datasource URLs as system properties, before Quarkus builds its configuration. Runs from {@link
 * org.hearth.relay.RelayMain}, i.e. only when the service itself starts (never during the build or
 * in tests, whose database comes from a test resource).
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
    Path workDir = Paths.get("").toAbsolutePath();
    if (setting(REACTIVE_URL, workDir).isPresent() || setting(JDBC_URL, workDir).isPresent()) {
      return Optional.empty();
    }
    if (setting("hearth.relay.embedded-postgres", workDir)
        .map(v -> !Boolean.parseBoolean(v))
        .orElse(false)) {
      return Optional.empty();
    }
    Path dataDir = Paths.get(setting("hearth.relay.data-dir", workDir).orElse("hearth-data"));
    EmbeddedDatabase db = start(dataDir.resolve("pg").toAbsolutePath().normalize());
    db.urls().forEach(System::setProperty);
    return Optional.of(db);
  }

  /**
   * A setting as Quarkus would find it in production, in its order: system property, environment
   * variable, {@code .env} and {@code config/application.properties} in the working directory, then
   * the packaged {@code application.properties} ({@code %prod.} keys first).
   */
  static Optional<String> setting(String key, Path workDir) {
    String env = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    Optional<String> v =
        nonBlank(System.getProperty(key))
            .or(() -> nonBlank(System.getenv(env)))
            .or(() -> fromFile(workDir.resolve(".env"), env))
            .or(() -> fromFile(workDir.resolve("config/application.properties"), key));
    if (v.isPresent()) {
      return v;
    }
    try (InputStream in =
        EmbeddedDatabase.class.getClassLoader().getResourceAsStream("application.properties")) {
      return in == null ? Optional.empty() : lookup(load(in), key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read application.properties", e);
    }
  }

  private static Optional<String> fromFile(Path file, String key) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return lookup(load(in), key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Optional<String> lookup(Properties p, String key) {
    return nonBlank(p.getProperty("%prod." + key)).or(() -> nonBlank(p.getProperty(key)));
  }

  private static Properties load(InputStream in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    return p;
  }

  private static Optional<String> nonBlank(String s) {
    return Optional.ofNullable(s).filter(x -> !x.isBlank());
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
