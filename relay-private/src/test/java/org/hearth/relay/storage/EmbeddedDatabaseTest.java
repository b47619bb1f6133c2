package org.hearth.relay.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
