package org.hearth.relay.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/** Direct looks at the test database. */
public final class TestSql {
  private TestSql() {}

  /** The first column of the first row of {@code sql} (a {@code count(*)}), as a long. */
  public static long count(Pool pool, String sql, Object... args) {
    return pool.preparedQuery(sql)
        .execute(Tuple.from(args))
        .await()
        .atMost(Duration.ofSeconds(30))
        .iterator()
        .next()
        .getLong(0);
  }
}
