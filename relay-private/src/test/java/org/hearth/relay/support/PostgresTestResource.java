package org.hearth.relay.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
import java.util.Map;
import java.util.UUID;

/**
 * The tests' PostgreSQL: the machine's server on 127.0.0.1:5432 when it answers (one new database
 * per test run, dropped at the end, so concurrent runs never share data), else an embedded one
 * (also forced by {@code -Dhearth.test.embedded-postgres=true}, to try a laptop without
 * PostgreSQL).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private String database;
  private EmbeddedPostgres embedded;

  @Override
  public Map<String, String> start() {
    if (!forceEmbedded() && answers()) {
      database = "hearth_relay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      admin("CREATE DATABASE " + database);
      return urls("127.0.0.1", 5432, database);
    }
    try {
      Path dir = Files.createTempDirectory("hearth-relay-pg");
      dir.toFile().setWritable(true, false);
      dir.toFile().setExecutable(true, false);
      embedded = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
      return urls("127.0.0.1", embedded.getPort(), "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  private static Map<String, String> urls(String host, int port, String db) {
    return Map.of(
        "quarkus.datasource.reactive.url",
        "postgresql://" + host + ":" + port + "/" + db,
        "quarkus.datasource.jdbc.url",
        "jdbc:postgresql://" + host + ":" + port + "/" + db,
        "quarkus.datasource.username",
        "postgres",
        "quarkus.datasource.password",
        "postgres");
  }

  @Override
  public void stop() {
    if (database != null) {
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static boolean forceEmbedded() {
    return Boolean.getBoolean("hearth.test.embedded-postgres")
        || "true".equals(System.getenv("HEARTH_TEST_EMBEDDED_POSTGRES"));
  }

  private static boolean answers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432: " + sql, e);
    }
  }
}
