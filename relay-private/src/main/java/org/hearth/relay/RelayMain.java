package org.hearth.relay;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Optional;
import org.hearth.relay.storage.EmbeddedDatabase;

/**
 * Entry point of {@code java -jar quarkus-run.jar}: brings up the embedded PostgreSQL first when no
 * datasource is configured (see {@link EmbeddedDatabase}), then runs Quarkus until it stops.
 */
@QuarkusMain
public final class RelayMain {
  private RelayMain() {}

  public static void main(String... args) {
    Optional<EmbeddedDatabase> db = EmbeddedDatabase.startIfNeeded();
    try {
      Quarkus.run(args);
    } finally {
      db.ifPresent(EmbeddedDatabase::close);
    }
  }
}
