package org.hearth.assistant.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.hearth.nostr.testkit.TestDatabase;

/** Gives the Quarkus test application its own PostgreSQL database (see {@link TestDatabase}). */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
  private TestDatabase db;

  @Override
  public Map<String, String> start() {
    db = TestDatabase.start("assistant");
    return Map.of("hearth.assistant.database.url", db.url());
  }

  @Override
  public void stop() {
    if (db != null) {
      db.close();
    }
  }
}
