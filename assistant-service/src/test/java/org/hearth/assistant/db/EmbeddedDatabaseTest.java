package org.hearth.assistant.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.hearth.assistant.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** Without a configured database URL the service runs its own embedded PostgreSQL. */
class EmbeddedDatabaseTest {
  @Test
  void startsAnEmbeddedPostgresqlWithTheSchemaAndKeepsItsData() throws Exception {
    Path dir = Files.createTempDirectory("assistant-db");
    Map<String, String> props = Map.of("hearth.assistant.database.embedded-dir", dir.toString());
    Database first = new Database(TestConfig.of(props));
    try {
      assertThat(first.isEmbedded()).isTrue();
      try (Connection c = first.dataSource().getConnection();
          Statement st = c.createStatement()) {
        st.execute(
            "INSERT INTO assistant.refusal (relay, pubkey, refused_at) VALUES ('family', 'k', 1)");
      }
    } finally {
      first.close();
    }
    Database second = new Database(TestConfig.of(props));
    try (Connection c = second.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM assistant.refusal")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    } finally {
      second.close();
    }
  }
}
