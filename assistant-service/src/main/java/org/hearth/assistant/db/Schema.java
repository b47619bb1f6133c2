package org.hearth.assistant.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Creates the {@code assistant} schema and its tables (idempotent). */
public final class Schema {
  private Schema() {}

  public static void create(DataSource ds) {
    String sql;
    try (InputStream in = Schema.class.getResourceAsStream("/db/schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("db/schema.sql is missing from the classpath");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      // One advisory lock so that concurrent starts do not race on CREATE ... IF NOT EXISTS.
      st.execute("SELECT pg_advisory_lock(74656)");
      try {
        for (String statement : sql.split(";\\s*\\n")) {
          String s = stripComments(statement);
          if (!s.isBlank()) {
            st.execute(s);
          }
        }
      } finally {
        st.execute("SELECT pg_advisory_unlock(74656)");
      }
    } catch (SQLException e) {
      throw new DatabaseException("cannot create the assistant schema: " + e.getMessage(), e);
    }
  }

  private static String stripComments(String statement) {
    StringBuilder sb = new StringBuilder();
    for (String line : statement.split("\n")) {
      if (!line.strip().startsWith("--")) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }
}
