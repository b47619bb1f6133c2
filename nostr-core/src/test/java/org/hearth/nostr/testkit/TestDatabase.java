package org.hearth.nostr.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database of its own for one test run: a uniquely named database on 127.0.0.1:5432
 * when that server answers, an embedded PostgreSQL otherwise. Shared by the modules' tests through
 * nostr-core's test-jar (which needs the PostgreSQL driver and zonky on their test classpath).
 */
public final class TestDatabase implements AutoCloseable {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private final EmbeddedPostgres embedded;
  private final String name;
  private final String url;

  private TestDatabase(EmbeddedPostgres embedded, String name, String url) {
    this.embedded = embedded;
    this.name = name;
    this.url = url;
  }

  /** A database named {@code <prefix>_test_<random>} (or an embedded server). */
  public static TestDatabase start(String prefix) {
    if (localServerAnswers()) {
      String name = prefix + "_test_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection c = admin();
          Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
      }
      return new TestDatabase(null, name, SERVER + name);
    }
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      return new TestDatabase(pg, "postgres", pg.getJdbcUrl("postgres", "postgres"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * A connection to the server's {@code postgres} database. Not through DriverManager: a Quarkus
   * test profile restarts the application in another class loader, where DriverManager does not see
   * the driver registered by the first one.
   */
  private static Connection admin() throws SQLException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(SERVER + "postgres");
    ds.setUser("postgres");
    return ds.getConnection();
  }

  public String url() {
    return url;
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
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        // best effort
      }
      return;
    }
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      // best effort: a leftover uniquely named database harms nobody
    }
  }
}
