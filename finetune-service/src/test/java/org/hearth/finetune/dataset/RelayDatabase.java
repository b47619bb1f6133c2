package org.hearth.finetune.dataset;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The test relay's database: a uniquely named database on the machine's PostgreSQL (127.0.0.1:5432)
 * when it answers, else none, and relay-private starts its own embedded PostgreSQL under its data
 * directory.
 */
final class RelayDatabase implements AutoCloseable {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private final Optional<String> name;

  private RelayDatabase(Optional<String> name) {
    this.name = name;
  }

  static RelayDatabase create() {
    if (!localServerAnswers()) {
      return new RelayDatabase(Optional.empty());
    }
    String name = "finetune_ds_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
    }
    return new RelayDatabase(Optional.of(name));
  }

  /** relay-private's datasource properties (none: embedded). */
  Map<String, String> relayProperties() {
    if (name.isEmpty()) {
      return Map.of();
    }
    String jdbc = SERVER + name.get();
    return Map.of(
        "quarkus.datasource.jdbc.url",
        jdbc,
        "quarkus.datasource.reactive.url",
        jdbc.substring("jdbc:".length()),
        "quarkus.datasource.username",
        "postgres");
  }

  private static Connection admin() throws SQLException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(SERVER + "postgres");
    ds.setUser("postgres");
    return ds.getConnection();
  }

  private static boolean localServerAnswers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (name.isEmpty()) {
      return;
    }
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name.get() + " WITH (FORCE)");
    } catch (SQLException e) {
      // best effort: a leftover uniquely named database harms nobody
    }
  }
}
