package org.hearth.finetune.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.runtime.Startup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.hearth.finetune.config.FinetuneConfig;
import org.jboss.logging.Logger;

/**
 * The service's PostgreSQL: the configured one, or an embedded PostgreSQL (zonky binaries) under
 * {@code <data-dir>/pg} when no URL is set. Started with the application (fail fast); Flyway
 * migrates the {@code finetune} schema then ({@code db/migration/V*.sql}).
 */
@Startup
@ApplicationScoped
public class Database {
  private static final Logger LOG = Logger.getLogger(Database.class);

  private final EmbeddedPostgres embedded;
  private final AgroalDataSource dataSource;

  public Database(FinetuneConfig config) {
    FinetuneConfig.Database db = config.database();
    String url;
    if (db.url().isPresent()) {
      embedded = null;
      url = db.url().get();
    } else {
      embedded = startEmbedded(config.dataDir().resolve("pg"));
      url = embedded.getJdbcUrl("postgres", "postgres");
    }
    dataSource = pool(url, db.username(), db.password().orElse(""), db.maxPoolSize());
    migrate(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  static void migrate(DataSource ds) {
    try {
      Flyway.configure(Database.class.getClassLoader())
          .dataSource(ds)
          .schemas("finetune")
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new DatabaseException("migrating the finetune schema failed: " + e.getMessage(), e);
    }
  }

  static EmbeddedPostgres startEmbedded(Path dir) {
    try {
      Files.createDirectories(dir.toAbsolutePath().getParent());
      if (Files.isDirectory(dir)) {
        // PostgreSQL refuses a data directory others may read (a copy, a restore, a umask).
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
      LOG.infof("no database URL configured: starting an embedded PostgreSQL in %s", dir);
      return EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
    } catch (IOException e) {
      throw new DatabaseException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  static AgroalDataSource pool(String url, String user, String password, int maxSize) {
    AgroalDataSourceConfigurationSupplier cfg =
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                cp ->
                    cp.maxSize(maxSize)
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .connectionFactoryConfiguration(
                            cf ->
                                cf.jdbcUrl(url)
                                    .principal(new NamePrincipal(user))
                                    .credential(new SimplePassword(password))));
    try {
      return AgroalDataSource.from(cfg);
    } catch (SQLException e) {
      throw new DatabaseException("cannot create the connection pool: " + e.getMessage(), e);
    }
  }

  @PreDestroy
  void close() {
    dataSource.close();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        LOG.warnf("embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
      }
    }
  }
}
