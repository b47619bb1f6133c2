package org.hearth.relay.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The laptop default: when no datasource URL is configured (see {@link #setting}), starts
 * PostgreSQL (zonky binaries) with its data under {@code <hearth.relay.data-dir>/pg}, sized by
 * {@code hearth.relay.embedded.*} ({@link #serverConfig}), and sets the datasource URLs as system
 * properties, before Quarkus builds its configuration. Runs from {@link
 * org.hearth.relay.RelayMain}, i.e. only when the service itself starts (never during the build or
 * in tests, whose database comes from a test resource).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
  static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
  static final String JDBC_URL = "quarkus.datasource.jdbc.url";
  private static final String EMBEDDED = "hearth.relay.embedded.";
  private static final long MIB = 1024 * 1024;
  private static final Pattern SIZE = Pattern.compile("\\d+\\s*(kB|MB|GB|TB)?");
  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

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
    Map<String, String> server = serverConfig(key -> setting(key, workDir), physicalMemory());
    EmbeddedDatabase db = start(dataDir.resolve("pg").toAbsolutePath().normalize(), server);
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

  /**
   * The server settings ({@code postgresql.conf} keys) from {@code hearth.relay.embedded.*} (see
   * {@link org.hearth.relay.config.RelayConfig.Embedded}), {@code auto} sizes computed from {@code
   * memoryBytes}.
   *
   * @param setting a {@code hearth.relay.*} key's value, as {@link #setting} finds it
   * @throws IllegalArgumentException for a value PostgreSQL would refuse to start with
   */
  static Map<String, String> serverConfig(
      Function<String, Optional<String>> setting, long memoryBytes) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(
        "shared_buffers",
        size(setting, "shared-buffers", clamp(memoryBytes / 4, 128 * MIB, 1024 * MIB)));
    out.put(
        "effective_cache_size",
        size(setting, "effective-cache-size", clamp(memoryBytes / 2, 512 * MIB, 8192 * MIB)));
    String cost = setting.apply(EMBEDDED + "random-page-cost").orElse("1.1").strip();
    if (!NUMBER.matcher(cost).matches()) {
      throw new IllegalArgumentException(
          EMBEDDED + "random-page-cost must be a number, not " + cost);
    }
    out.put("random_page_cost", cost);
    return out;
  }

  /**
   * {@link #serverConfig} with every {@code hearth.relay.embedded.*} key at its default, on this
   * machine (the load generator's embedded server starts from these).
   */
  public static Map<String, String> defaultServerConfig() {
    return serverConfig(key -> Optional.empty(), physicalMemory());
  }

  private static String size(
      Function<String, Optional<String>> setting, String key, long autoBytes) {
    String v = setting.apply(EMBEDDED + key).orElse("auto").strip();
    if (v.equalsIgnoreCase("auto")) {
      return autoBytes / MIB + "MB";
    }
    if (!SIZE.matcher(v).matches()) {
      throw new IllegalArgumentException(
          EMBEDDED + key + " must be auto or a size such as 512MB (kB, MB, GB, TB), not " + v);
    }
    return v;
  }

  private static long clamp(long v, long min, long max) {
    return Math.max(min, Math.min(max, v));
  }

  /** The machine's memory, or the container's limit inside one (the JDK reads the cgroup). */
  static long physicalMemory() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
  }

  static EmbeddedDatabase start(Path clusterDir, Map<String, String> serverConfig) {
    try {
      Files.createDirectories(clusterDir.getParent());
      long t0 = System.nanoTime();
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(clusterDir)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60));
      serverConfig.forEach(builder::setServerConfig);
      EmbeddedPostgres pg = builder.start();
      LOG.infof(
          "Embedded PostgreSQL on port %d, data in %s, %s (started in %d ms)",
          pg.getPort(), clusterDir, serverConfig, (System.nanoTime() - t0) / 1_000_000);
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
