package org.hearth.finetune.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of the fine-tuning service (prefix {@code hearth.finetune}). */
@ConfigMapping(prefix = "hearth.finetune")
public interface FinetuneConfig {

  /** Compute device: cpu, gpu or auto (gpu when PyTorch sees one). Restart required. */
  @WithDefault("cpu")
  DeviceKind device();

  /** CUDA device index used when device is gpu or auto (0-based). */
  @WithDefault("0")
  int gpuIndex();

  /** Ollama settings. */
  Ollama ollama();

  /**
   * Directory of the service's state: job artifacts under {@code jobs/<id>}, the embedded
   * PostgreSQL under {@code pg} when no database URL is set. Restart required.
   */
  @WithDefault("${HEARTH_FINETUNE_DATA_DIR:data/finetune}")
  Path dataDir();

  /**
   * The service's Nostr key file (an nsec or 64 hex digits). Created with permissions 0600 when
   * missing. Restart required.
   */
  @WithDefault("${HEARTH_FINETUNE_KEY_FILE:data/finetune/service.nsec}")
  Path keyFile();

  /**
   * Keys allowed to request jobs on every relay (hex or npub). Per relay: {@code
   * hearth.finetune.relays.<name>.admins}.
   */
  Optional<List<String>> admins();

  /** The relays jobs train on, by name (e.g. {@code hearth.finetune.relays.family.url}). */
  Map<String, Relay> relays();

  /**
   * Public base URL of this service as clients call it (e.g. {@code https://hearth.example}), for
   * the NIP-98 {@code u} check behind a proxy. Absent: the URL of the request as received.
   */
  Optional<URI> publicUrl();

  /** Accepted clock difference of NIP-98 auth events. */
  @WithDefault("PT60S")
  Duration authWindow();

  /** PostgreSQL. */
  Database database();

  /** The job queue. */
  Messaging messaging();

  /** Job execution. */
  Jobs jobs();

  /** Privacy scrubbing settings. */
  Scrub scrub();

  /** Where datasets are read from. */
  Data dataset();

  /** One relay the service trains on and listens to for job requests. */
  interface Relay {
    /**
     * Websocket URL of the relay (e.g. {@code ws://127.0.0.1:8080/family}). Absent: jobs for it
     * come over REST only and no feedback events are published.
     */
    Optional<URI> url();

    /** Keys allowed to request jobs on this relay, besides the global admins (hex or npub). */
    Optional<List<String>> admins();
  }

  /** Database settings. */
  interface Database {
    /**
     * JDBC URL of PostgreSQL. Absent: an embedded PostgreSQL is started under {@code
     * <data-dir>/pg}.
     */
    Optional<String> url();

    /** Database user. */
    @WithDefault("postgres")
    String username();

    /** Database password (empty for trust authentication). */
    Optional<String> password();

    /** Connections in the pool at most. */
    @WithDefault("4")
    int maxPoolSize();
  }

  /** How job requests travel to the worker. */
  interface Messaging {
    /**
     * {@code in-memory} (one process) or {@code rabbitmq} (several replicas share one queue).
     * Restart required.
     */
    @WithDefault("in-memory")
    MessagingMode mode();

    /** RabbitMQ host. */
    @WithDefault("localhost")
    String host();

    /** RabbitMQ port. */
    @WithDefault("5672")
    int port();

    /** RabbitMQ user. */
    @WithDefault("guest")
    String username();

    /** RabbitMQ password. */
    @WithDefault("guest")
    String password();

    /** Name of the durable RabbitMQ queue (and its exchange) holding job ids. */
    @WithDefault("hearth.finetune.jobs")
    String queue();
  }

  /** Job execution and training defaults. */
  interface Jobs {
    /**
     * Name of the Ollama base model the adapter is registered on ({@code from}); must be the model
     * whose Hugging Face weights are in {@link #baseModelDir()}.
     */
    @WithDefault("llama3.2:1b")
    String baseModel();

    /** Hugging Face checkpoint directory (config.json, safetensors, tokenizer.json) trained on. */
    Optional<Path> baseModelDir();

    /** Optimizer steps when a request names none. */
    @WithDefault("200")
    int steps();

    /** Upper limit of steps a request may ask for. */
    @WithDefault("100000")
    int maxSteps();

    /** Peak learning rate when a request names none. */
    @WithDefault("2e-4")
    double learningRate();

    /** LoRA rank when a request names none. */
    @WithDefault("8")
    int rank();

    /** LoRA alpha (integer, as Ollama requires). */
    @WithDefault("16")
    int alpha();

    /** LoRA dropout probability. */
    @WithDefault("0.05")
    double dropout();

    /** LoRA target modules by PEFT name. */
    @WithDefault("q_proj,k_proj,v_proj,o_proj")
    List<String> targets();

    /** Warm-up steps (capped at a tenth of the run). */
    @WithDefault("10")
    int warmupSteps();

    /** Examples per micro-batch. */
    @WithDefault("4")
    int microBatchSize();

    /** Micro-batches per optimizer step. */
    @WithDefault("1")
    int gradientAccumulation();

    /** Longest training sequence in tokens (capped at the model's max_position_embeddings). */
    @WithDefault("512")
    int maxSequenceLength();

    /** Seed of data order, dropout and adapter initialisation. */
    @WithDefault("42")
    long seed();

    /** A checkpoint is written every this many optimizer steps (and at the end). */
    @WithDefault("25")
    int checkpointEvery();

    /** Shortest interval between two progress feedback events (7000) on the relay. */
    @WithDefault("PT2S")
    Duration feedbackInterval();

    /**
     * Name of this replica. On start, RUNNING jobs of this replica are resumed or failed at once;
     * RUNNING jobs of other replicas only after {@link #staleAfter()} without an update.
     */
    @WithDefault("local")
    String instanceId();

    /** How often QUEUED jobs that no worker took are put back onto the channel. */
    @WithDefault("PT30S")
    Duration sweepInterval();

    /** A RUNNING job of another replica without an update for this long counts as abandoned. */
    @WithDefault("PT10M")
    Duration staleAfter();

    /** How far back the relay subscription for job requests (kind 5970) reaches at start. */
    @WithDefault("PT24H")
    Duration requestLookback();
  }

  /** Where the trained adapter is registered. */
  interface Ollama {
    /** Base URL of the Ollama HTTP API. */
    @WithDefault("http://localhost:11434")
    URI host();

    /** Timeout of each Ollama HTTP call (connect and response), as an ISO-8601 duration. */
    @WithDefault("PT120S")
    Duration timeout();
  }

  /** Dataset scrubbing. */
  interface Scrub {
    /**
     * File holding the HMAC-SHA256 key (raw bytes, at least 32) for stable pseudonyms of people's
     * names. Absent: pseudonymisation of names is refused.
     */
    Optional<Path> pseudonymKeyFile();
  }

  /**
   * Dataset building (prefix {@code hearth.finetune.dataset}): one relay, read as the service's own
   * key. Read at each build; no restart needed for the key file's content.
   */
  interface Data {
    /**
     * Base websocket URL of relay-private; relay {@code family} is read at {@code
     * <relay-url>/family} and nowhere else. Default: env {@code HEARTH_RELAY_URL}, else {@code
     * ws://localhost:8080}.
     */
    @WithDefault("${HEARTH_RELAY_URL:ws://localhost:8080}")
    URI relayUrl();

    /**
     * File holding the fine-tune service's secret key (first line: nsec or 64 hex characters; mode
     * 0600). It authenticates (NIP-42) and decrypts consented conversations. Absent: the service's
     * own key ({@code hearth.finetune.key-file}).
     */
    Optional<Path> keyFile();

    /** Kinds read as documents. Default: 1 (notes) and 30023 (long-form). */
    @WithDefault("1,30023")
    List<Integer> documentKinds();

    /** Events asked for per page (the relay's NIP-11 max_limit caps it). Default: 500. */
    @WithDefault("500")
    int pageSize();

    /** Longest wait for one page (until EOSE), as an ISO-8601 duration. Default: 30 seconds. */
    @WithDefault("PT30S")
    Duration pageTimeout();

    /**
     * The assistant key of each relay ({@code assistants.family=<hex or npub>}): only kind-30970
     * conversations it wrote become chat pairs. A relay without one yields no chat pairs.
     */
    Map<String, String> assistants();
  }
}
