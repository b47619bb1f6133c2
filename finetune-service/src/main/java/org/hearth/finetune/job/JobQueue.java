package org.hearth.finetune.job;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.hearth.finetune.config.FinetuneConfig;
import org.hearth.finetune.config.MessagingMode;
import org.jboss.logging.Logger;

/**
 * Puts job ids on the job channel. In-memory, {@link #LOCAL} feeds the worker in this process; with
 * RabbitMQ, {@link #TO_BROKER} publishes to the durable queue every replica's worker reads ({@link
 * JobWorker#BROKER}). The row in PostgreSQL is the job; a message only says "run it", so a lost
 * message is recovered at the next start (QUEUED jobs are re-queued) and a duplicate is harmless
 * (the worker claims a job with a conditional UPDATE).
 */
@ApplicationScoped
public class JobQueue {
  /** The in-process channel to the worker. */
  public static final String LOCAL = "finetune-jobs";

  /** The channel to the RabbitMQ queue (disabled in-memory). */
  public static final String TO_BROKER = "finetune-jobs-out";

  private static final Logger LOG = Logger.getLogger(JobQueue.class);

  private final boolean broker;
  private final Multi<String> local;
  private final Multi<String> toBroker;
  private volatile MultiEmitter<? super String> localSink;
  private volatile MultiEmitter<? super String> brokerSink;
  private final Queue<String> pending = new ConcurrentLinkedQueue<>();

  public JobQueue(FinetuneConfig config) {
    this.broker = config.messaging().mode() == MessagingMode.RABBITMQ;
    this.local =
        Multi.createFrom()
            .emitter(
                em -> {
                  localSink = em;
                  flush();
                },
                BackPressureStrategy.BUFFER);
    this.toBroker =
        Multi.createFrom()
            .emitter(
                em -> {
                  brokerSink = em;
                  flush();
                },
                BackPressureStrategy.BUFFER);
  }

  @Outgoing(LOCAL)
  Multi<String> local() {
    return local;
  }

  @Outgoing(TO_BROKER)
  Multi<String> toBroker() {
    return toBroker;
  }

  /**
   * Asks a worker to run (or resume) a job. Before the channel is connected (early in the start)
   * ids wait here and are sent once it is.
   */
  public void enqueue(UUID id) {
    pending.add(id.toString());
    flush();
  }

  private synchronized void flush() {
    MultiEmitter<? super String> sink = broker ? brokerSink : localSink;
    if (sink == null || sink.isCancelled()) {
      return;
    }
    for (String id = pending.poll(); id != null; id = pending.poll()) {
      LOG.debugf("job %s on the %s channel", id, broker ? "RabbitMQ" : "in-memory");
      sink.emit(id);
    }
  }
}
