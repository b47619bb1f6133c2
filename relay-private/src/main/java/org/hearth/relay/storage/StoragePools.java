package org.hearth.relay.storage;

import io.netty.util.concurrent.FastThreadLocal;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.hearth.relay.config.RelayConfig;

/**
 * The event store's two connection pools to the one configured PostgreSQL. Quarkus builds its
 * default pool (writes, administration) through this {@link PgPoolCreator}, unchanged; REQ and
 * COUNT read through a second pool of the same size and connect options whose connections start
 * with {@code statement_timeout} = {@code hearth.relay.limits.query-timeout}, so a runaway query is
 * cancelled by the server (the connection stays usable) while a slow group commit never is. Reads
 * also never queue behind writes for a connection. Read connections keep their prepared statements
 * (one per filter shape), so PostgreSQL may reuse a plan instead of planning every REQ: a by-id
 * query took 0.05-0.06 ms prepared against 0.25-0.31 ms re-planned (pgbench, 1,000,000 events).
 *
 * <p>Each event loop that reads also gets a small read pool of its own ({@link #readsHere}), whose
 * connections live on that event loop: a REQ's statement is written, and its rows decoded and
 * handled, on the thread that read the REQ, with no hand-over to another event loop and back (the
 * shared pool spreads its connections over all event loops, so a query usually went out and came
 * back through two task hand-overs, each a thread wake-up on a busy 2-core machine). When a loop's
 * own connections are all busy, its queries use the shared pool.
 */
@ApplicationScoped
public class StoragePools implements PgPoolCreator {
  private final long queryTimeoutMillis;
  private volatile Pool reads;
  private volatile Vertx vertx;
  private volatile List<PgConnectOptions> readOptions;
  private volatile PoolOptions loopPoolOptions;
  private final FastThreadLocal<LoopReads> loopReads = new FastThreadLocal<>();
  private final Queue<io.vertx.sqlclient.Pool> loopPools = new ConcurrentLinkedQueue<>();

  /**
   * One event loop's read pool, used only from that loop's thread (so {@code inFlight} needs no
   * synchronisation).
   */
  public static final class LoopReads {
    private final io.vertx.sqlclient.Pool pool;
    private final int size;
    private int inFlight;

    private LoopReads(io.vertx.sqlclient.Pool pool, int size) {
      this.pool = pool;
      this.size = size;
    }

    /** The pool for one more statement, counted until {@link #release}; null when all are busy. */
    public io.vertx.sqlclient.Pool acquire() {
      if (inFlight >= size) {
        return null;
      }
      inFlight++;
      return pool;
    }

    /** Ends a statement begun with {@link #acquire}. */
    public void release() {
      inFlight--;
    }
  }

  public StoragePools(RelayConfig config) {
    this.queryTimeoutMillis = config.limits().queryTimeout().toMillis();
  }

  @Override
  public io.vertx.sqlclient.Pool create(Input input) {
    List<PgConnectOptions> readOptions = new ArrayList<>();
    for (PgConnectOptions o : input.pgConnectOptionsList()) {
      readOptions.add(
          new PgConnectOptions(o)
              .addProperty("statement_timeout", Long.toString(queryTimeoutMillis))
              .addProperty("application_name", "hearth-relay-reads")
              .setCachePreparedStatements(true)
              .setMetricsName("hearth-relay-reads"));
    }
    PoolOptions readPool =
        new PoolOptions(input.poolOptions()).setShared(false).setName("hearth-relay-reads");
    reads = Pool.newInstance(PgDriver.INSTANCE.createPool(input.vertx(), readOptions, readPool));
    int loops = Math.max(1, readPool.getEventLoopSize());
    this.readOptions = List.copyOf(readOptions);
    this.loopPoolOptions =
        new PoolOptions(readPool)
            .setMaxSize(Math.max(1, (readPool.getMaxSize() + loops - 1) / loops))
            .setEventLoopSize(0); // 0: a connection opens on the event loop that asks for it
    this.vertx = input.vertx();
    return PgDriver.INSTANCE.createPool(
        input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
  }

  /**
   * The read pool. Callers also inject the default {@link Pool}, whose creation (at their own
   * construction) runs {@link #create}.
   */
  public Pool reads() {
    Pool r = reads;
    if (r == null) {
      throw new IllegalStateException("the default pool has not been created yet");
    }
    return r;
  }

  /**
   * The read pool of the calling event loop, or null when the caller is not on an event loop (use
   * {@link #reads} then). Its pool holds up to {@code ceil(max-size / event loops)} connections.
   */
  public LoopReads readsHere() {
    if (!Context.isOnEventLoopThread() || vertx == null) {
      return null;
    }
    LoopReads here = loopReads.get();
    if (here == null) {
      PoolOptions options =
          new PoolOptions(loopPoolOptions).setName("hearth-relay-reads-" + loopPools.size());
      io.vertx.sqlclient.Pool p = PgDriver.INSTANCE.createPool(vertx, readOptions, options);
      loopPools.add(p);
      here = new LoopReads(p, options.getMaxSize());
      loopReads.set(here);
    }
    return here;
  }

  @PreDestroy
  void close() {
    Pool r = reads;
    if (r != null) {
      r.closeAndForget();
    }
    io.vertx.sqlclient.Pool p;
    while ((p = loopPools.poll()) != null) {
      p.close();
    }
  }
}
