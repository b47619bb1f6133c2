package org.hearth.relay.loadgen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hearth.relay.storage.EmbeddedDatabase;

/**
 * A fresh, uniquely named database for a relay child process: on the machine's PostgreSQL at
 * 127.0.0.1:5432 when it answers (dropped on close), else in an embedded PostgreSQL.
 */
public final class BenchDatabase implements AutoCloseable {
  private final String host = "127.0.0.1";
  private final int port;
  private final String name;
  private final EmbeddedPostgres embedded;
  private final boolean reused;

  private BenchDatabase(int port, String name, EmbeddedPostgres embedded) {
    this(port, name, embedded, false);
  }

  private BenchDatabase(int port, String name, EmbeddedPostgres embedded, boolean reused) {
    this.port = port;
    this.name = name;
    this.embedded = embedded;
    this.reused = reused;
  }

  /**
   * The database {@code name} on 127.0.0.1:5432, created when missing and kept after the run (for
   * repeated runs on one loaded store; drop it yourself).
   */
  public static BenchDatabase reuse(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database name must match [a-z_][a-z0-9_]*: " + name);
    }
    BenchDatabase admin = new BenchDatabase(5432, "postgres", null);
    try (Connection c = admin.connect();
        java.sql.PreparedStatement st =
            c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      st.setString(1, name);
      if (!st.executeQuery().next()) {
        admin.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach PostgreSQL on 127.0.0.1:5432", e);
    }
    return new BenchDatabase(5432, name, null, true);
  }

  /** True for a database kept across runs ({@link #reuse}). */
  public boolean reused() {
    return reused;
  }

  public static BenchDatabase create(String prefix) {
    return create(prefix, false, Map.of());
  }

  /**
   * A fresh database: on 127.0.0.1:5432 when it answers and {@code embedded} is false, else in an
   * embedded PostgreSQL started like the relay's own ({@link EmbeddedDatabase#defaultServerConfig})
   * with {@code settings} (postgresql.conf keys such as {@code shared_buffers}) over it; the
   * machine's server cannot be reconfigured from here.
   */
  public static BenchDatabase create(
      String prefix, boolean embedded, Map<String, String> settings) {
    if (!embedded && answers()) {
      String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      BenchDatabase db = new BenchDatabase(5432, "postgres", null);
      db.execute("CREATE DATABASE " + name);
      return new BenchDatabase(5432, name, null);
    }
    try {
      Path dir = Files.createTempDirectory("hearth-bench-pg");
      dir.toFile().setWritable(true, false);
      dir.toFile().setExecutable(true, false);
      EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"));
      Map<String, String> config = new LinkedHashMap<>(EmbeddedDatabase.defaultServerConfig());
      config.putAll(settings);
      config.forEach(b::setServerConfig);
      EmbeddedPostgres pg = b.start();
      return new BenchDatabase(pg.getPort(), "postgres", pg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  private static boolean answers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String name() {
    return embedded == null ? name : "embedded:" + port;
  }

  /** Environment for the relay process pointing at this database. */
  public Map<String, String> relayEnv() {
    return Map.of(
        "QUARKUS_DATASOURCE_REACTIVE_URL",
        "postgresql://" + host + ":" + port + "/" + name,
        "QUARKUS_DATASOURCE_JDBC_URL",
        jdbcUrl(),
        "QUARKUS_DATASOURCE_USERNAME",
        "postgres",
        "QUARKUS_DATASOURCE_PASSWORD",
        "postgres");
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + name;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
  }

  public void execute(String sql) {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** A server setting ({@code SHOW name}), e.g. {@code shared_buffers}. */
  public String setting(String name) {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException(name);
    }
    try (Connection c = connect();
        Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Committed transactions of this database so far (pg_stat_database; approximate, async). */
  public long commits() {
    try (Connection c = connect();
        Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * CPU time (user + system, microseconds) of the PostgreSQL backends serving this database now,
   * from /proc (only meaningful for the local server; backends that exited are not counted).
   */
  public long backendCpuMicros() {
    long total = 0;
    try (Connection c = connect();
        Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid()")) {
      while (rs.next()) {
        try {
          String stat = Files.readString(Path.of("/proc/" + rs.getInt(1) + "/stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000;
        } catch (IOException | RuntimeException e) {
          // backend gone or not local
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return total;
  }

  @Override
  public void close() {
    if (reused) {
      return;
    }
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      new BenchDatabase(5432, "postgres", null)
          .execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
