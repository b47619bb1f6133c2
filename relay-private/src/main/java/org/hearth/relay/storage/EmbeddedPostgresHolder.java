package org.hearth.relay.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The one embedded PostgreSQL of this process. Config sources are built several times during
 * startup; the cluster is started once per data directory and stopped by zonky's shutdown hook.
 */
final class EmbeddedPostgresHolder {
  private static final Logger LOG = Logger.getLogger(EmbeddedPostgresHolder.class);
  private static final Object LOCK = new Object();
  private static EmbeddedPostgres running;
  private static Path runningDir;

  private EmbeddedPostgresHolder() {}

  static int start(Path clusterDir) {
    Path dir = clusterDir.toAbsolutePath().normalize();
    synchronized (LOCK) {
      if (running != null) {
        if (!dir.equals(runningDir)) {
          throw new IllegalStateException(
              "embedded PostgreSQL already runs for " + runningDir + ", not " + dir);
        }
        return running.getPort();
      }
      EmbeddedPostgresConfigSourceFactory.prepare(dir);
      try {
        long t0 = System.nanoTime();
        running =
            EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .start();
        runningDir = dir;
        LOG.infof(
            "Embedded PostgreSQL started on port %d with data in %s (%d ms)",
            running.getPort(), dir, (System.nanoTime() - t0) / 1_000_000);
        return running.getPort();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dir, e);
      }
    }
  }
}
