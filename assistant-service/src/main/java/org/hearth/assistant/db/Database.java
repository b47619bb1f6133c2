package org.hearth.assistant.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.runtime.Startup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.hearth.assistant.config.AssistantConfig;
import org.jboss.logging.Logger;

/**
 * The service's PostgreSQL: the configured one, or an embedded PostgreSQL when no URL is set (a
 * laptop without a database server). Started with the application (fail fast); the schema is
 * created then.
 */
@Startup
@ApplicationScoped
public class Database {
  private static final Logger LOG = Logger.getLogger(Database.class);

  private final EmbeddedPostgres embedded;
  private final AgroalDataSource dataSource;

  public Database(AssistantConfig config) {
    AssistantConfig.Database db = config.database();
    String url;
    if (db.url().isPresent()) {
      embedded = null;
      url = db.url().get();
    } else {
      embedded = startEmbedded(db.embeddedDir());
      url = embedded.getJdbcUrl("postgres", "postgres");
    }
    dataSource = pool(url, db.username(), db.password().orElse(""), db.maxPoolSize());
    Schema.create(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** True when this service runs its own embedded PostgreSQL. */
  public boolean isEmbedded() {
    return embedded != null;
  }

  static EmbeddedPostgres startEmbedded(Path dir) {
    try {
      Files.createDirectories(dir);
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
                        // A connection that failed fatally (I/O error, closed) leaves the pool.
                        .exceptionSorter(new PostgreSQLExceptionSorter())
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
  public void close() {
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
