package org.hearth.relay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
  @TempDir Path work;

  @Test
  void aDatasourceInConfigApplicationPropertiesIsSeen() throws Exception {
    assertThat(EmbeddedDatabase.setting(EmbeddedDatabase.REACTIVE_URL, work)).isEmpty();
    Files.createDirectories(work.resolve("config"));
    Files.writeString(
        work.resolve("config/application.properties"),
        "%prod.quarkus.datasource.reactive.url=postgresql://db:5432/hearth\n");
    assertThat(EmbeddedDatabase.setting(EmbeddedDatabase.REACTIVE_URL, work))
        .contains("postgresql://db:5432/hearth");
  }

  @Test
  void aDatasourceInDotEnvIsSeen() throws Exception {
    Files.writeString(work.resolve(".env"), "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://x/y\n");
    assertThat(EmbeddedDatabase.setting(EmbeddedDatabase.JDBC_URL, work))
        .contains("jdbc:postgresql://x/y");
  }

  @Test
  void packagedDefaultsAreRead() {
    assertThat(EmbeddedDatabase.setting("quarkus.application.name", work))
        .contains("relay-private");
  }

  private static final long GIB = 1024L * 1024 * 1024;

  @Test
  void autoSizesFollowTheMachinesMemoryWithinBounds() {
    assertThat(EmbeddedDatabase.serverConfig(key -> Optional.empty(), 24 * GIB))
        .containsExactly(
            Map.entry("shared_buffers", "1024MB"),
            Map.entry("effective_cache_size", "8192MB"),
            Map.entry("random_page_cost", "1.1"));
    assertThat(EmbeddedDatabase.serverConfig(key -> Optional.empty(), 2 * GIB))
        .containsEntry("shared_buffers", "512MB")
        .containsEntry("effective_cache_size", "1024MB");
    assertThat(EmbeddedDatabase.serverConfig(key -> Optional.empty(), GIB / 4))
        .containsEntry("shared_buffers", "128MB")
        .containsEntry("effective_cache_size", "512MB");
  }

  @Test
  void explicitValuesWinAndNonsenseIsRefusedByName() throws Exception {
    Files.createDirectories(work.resolve("config"));
    Files.writeString(
        work.resolve("config/application.properties"),
        "hearth.relay.embedded.shared-buffers=300MB\n"
            + "hearth.relay.embedded.effective-cache-size=auto\n"
            + "hearth.relay.embedded.random-page-cost=4\n");
    assertThat(EmbeddedDatabase.serverConfig(key -> EmbeddedDatabase.setting(key, work), 8 * GIB))
        .containsEntry("shared_buffers", "300MB")
        .containsEntry("effective_cache_size", "4096MB")
        .containsEntry("random_page_cost", "4");
    assertThatThrownBy(
            () ->
                EmbeddedDatabase.serverConfig(
                    key -> Optional.of("lots").filter(v -> key.endsWith("shared-buffers")), GIB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hearth.relay.embedded.shared-buffers");
  }

  @Test
  void theEmbeddedServerRunsWithTheConfiguredSettings() throws Exception {
    Map<String, String> config =
        EmbeddedDatabase.serverConfig(
            key -> key.endsWith("shared-buffers") ? Optional.of("200MB") : Optional.<String>empty(),
            4 * GIB);
    try (EmbeddedDatabase db = EmbeddedDatabase.start(work.resolve("pg"), config);
        Connection c =
            DriverManager.getConnection(
                db.urls().get(EmbeddedDatabase.JDBC_URL), "postgres", "postgres")) {
      assertThat(show(c, "shared_buffers")).isEqualTo("200MB");
      assertThat(show(c, "effective_cache_size")).isEqualTo("2GB");
      assertThat(show(c, "random_page_cost")).isEqualTo("1.1");
    }
  }

  private static String show(Connection c, String setting) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
