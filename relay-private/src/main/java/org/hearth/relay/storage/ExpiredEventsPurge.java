package org.hearth.relay.storage;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** NIP-40: deletes expired events every {@code hearth.relay.storage.purge-interval}. */
@ApplicationScoped
public class ExpiredEventsPurge {
  private static final Logger LOG = Logger.getLogger(ExpiredEventsPurge.class);
  private final EventQueries queries;

  public ExpiredEventsPurge(EventQueries queries) {
    this.queries = queries;
  }

  @Scheduled(
      every = "${hearth.relay.storage.purge-interval:60s}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> purge() {
    return queries
        .purgeExpired(Instant.now().getEpochSecond())
        .invoke(n -> LOG.debugf("purged %d expired events", n))
        .onFailure()
        .invoke(err -> LOG.warnf("purging expired events failed: %s", err.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
