package org.hearth.relay.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the relay server ({@code hearth.relay.*}). Keys are read at startup; changing
 * one needs a restart. Membership given here seeds PostgreSQL at each start (source "config");
 * runtime grants made through the admin API live beside them and survive restarts.
 */
@ConfigMapping(prefix = "hearth.relay")
public interface RelayConfig {

  /**
   * Owner of every relay without its own owner: a 64-character hex public key or an npub. Default:
   * none, in which case a key is generated once under {@link #dataDir()} ({@code owner.key}, mode
   * 0600) and its npub printed.
   */
  Optional<String> owner();

  /**
   * Members (role member) of every relay that does not list its own: comma-separated hex keys or
   * npubs. Default: none.
   */
  Optional<List<String>> members();

  /**
   * Service keys (role service: assistants and other Hearth services) of every relay that does not
   * list its own: comma-separated hex keys or npubs. Default: none.
   */
  Optional<List<String>> services();

  /**
   * Directory for the embedded PostgreSQL cluster ({@code pg/}) and the generated owner key.
   * Relative paths resolve against the working directory. Default: {@code hearth-data}.
   */
  @WithDefault("hearth-data")
  Path dataDir();

  /**
   * Start an embedded PostgreSQL under {@code <data-dir>/pg} when no {@code
   * quarkus.datasource.reactive.url} / {@code jdbc.url} is set. Default: true. Read before Quarkus
   * starts (by {@code RelayMain}): give it, the datasource URLs and {@code data-dir} as system
   * properties or environment variables ({@code HEARTH_RELAY_EMBEDDED_POSTGRES}).
   */
  @WithDefault("true")
  boolean embeddedPostgres();

  /**
   * Server settings of the embedded PostgreSQL (no effect on a configured datasource: tune that
   * server itself, see the README). Read before Quarkus starts, like {@link #embeddedPostgres()}.
   */
  Embedded embedded();

  /**
   * The relays, by path segment ({@code personal} is served at {@code /personal}). Default: {@code
   * personal}, {@code family} and {@code work} (declared in application.properties).
   */
  Map<String, RelayDef> relays();

  /** Limits applied on every relay. */
  Limits limits();

  /** Storage tuning. */
  Storage storage();

  /** Live fan-out of accepted events to the subscribers of every replica. */
  Fanout fanout();

  /** One relay. Every key is optional; absent ones fall back to the global setting. */
  interface RelayDef {
    /** NIP-11 name. Default: the path segment. */
    Optional<String> name();

    /** NIP-11 description. Default: empty. */
    Optional<String> description();

    /**
     * Public websocket URL (e.g. {@code wss://hearth.example/family}); NIP-42 AUTH events naming it
     * are accepted besides the URL the client connected to. Default: none.
     */
    Optional<URI> publicUrl();

    /** Owner of this relay (hex or npub). Default: {@code hearth.relay.owner}. */
    Optional<String> owner();

    /**
     * Members of this relay (hex or npub, comma-separated). Default: {@code hearth.relay.members}.
     */
    Optional<List<String>> members();

    /** Service keys of this relay. Default: {@code hearth.relay.services}. */
    Optional<List<String>> services();

    /**
     * Visibility overrides by kind ({@code visibility."30023"=members}): {@code author}, {@code
     * parties} (author and p-tagged keys) or {@code members}. Defaults: 4, 13, 14, 1059, 30970
     * parties; 30078 author; every other kind members.
     */
    Map<String, Visibility> visibility();

    /**
     * Roles that alone may write a kind, checked on the event's author by the write policy {@code
     * kind-writers} ({@code writers."5970"=owner,admin}; {@code any} lifts a default). Defaults:
     * 5970 owner, admin, service; 6970, 7000 and 30970 service; every other kind: any role that
     * writes.
     */
    Map<String, String> writers();

    /**
     * The write policy chain, evaluated in order; the first rejection wins. Names: see {@code
     * WritePolicies.BUILT_IN}; an unknown name stops the start. Default: the full safe chain.
     */
    @WithDefault(
        "created-at-bounds,tag-limit,expired,auth-required,member-writer,kind-writers,"
            + "gift-wrap-recipients,protected-event")
    List<String> writePolicies();

    /**
     * The read policy chain for REQ and COUNT, in order. Names: see {@code ReadPolicies.BUILT_IN};
     * an unknown name stops the start. Default: the full safe chain.
     */
    @WithDefault("filter-count,auth-required,member-reader")
    List<String> readPolicies();
  }

  /** Limits. */
  interface Limits {
    /** Largest accepted websocket text frame, in bytes. Default: 262144 (256 KiB). */
    @WithDefault("262144")
    int maxMessageBytes();

    /** Open subscriptions per connection. Default: 32. */
    @WithDefault("32")
    int maxSubscriptions();

    /** Filters per REQ or COUNT. Default: 16. */
    @WithDefault("16")
    int maxFilters();

    /** Largest {@code limit} honoured per filter; larger values are capped. Default: 500. */
    @WithDefault("500")
    int maxLimit();

    /** {@code limit} used when a filter has none. Default: 500. */
    @WithDefault("500")
    int defaultLimit();

    /** Tags per event. Default: 2000. */
    @WithDefault("2000")
    int maxTags();

    /** How far in the future created_at may be. Default: 15 minutes. */
    @WithDefault("15m")
    Duration maxFutureSkew();

    /** How old created_at may be (0 = unlimited). Default: 0. */
    @WithDefault("0s")
    Duration maxAge();

    /** Frames queued to one client before it is dropped as too slow. Default: 2000. */
    @WithDefault("2000")
    int outboundQueue();

    /** Events a connection may publish per second (sustained). Default: 2000. */
    @WithDefault("2000")
    double connectionEventsPerSecond();

    /** Events a connection may publish in a burst. Default: 4000. */
    @WithDefault("4000")
    int connectionEventBurst();

    /** Events one author key may publish per second, over all connections. Default: 5000. */
    @WithDefault("5000")
    double pubkeyEventsPerSecond();

    /** Events one author key may publish in a burst. Default: 10000. */
    @WithDefault("10000")
    int pubkeyEventBurst();

    /** REQ and COUNT messages a connection may send per second (sustained). Default: 50. */
    @WithDefault("50")
    double connectionReqsPerSecond();

    /** REQ and COUNT messages a connection may send in a burst. Default: 100. */
    @WithDefault("100")
    int connectionReqBurst();

    /**
     * Longest a REQ or COUNT query may run in PostgreSQL ({@code statement_timeout} of the read
     * pool's connections); beyond it the query is cancelled and the client gets {@code CLOSED} with
     * {@code error:}. 0 = no limit. Default: 10 seconds.
     */
    @WithDefault("10s")
    Duration queryTimeout();

    /** Largest number of events COUNT looks at (beyond it the count is approximate). */
    @WithDefault("100000")
    int maxCount();
  }

  /** Storage tuning. */
  interface Storage {
    /** Most events committed in one transaction by the group committer. Default: 128. */
    @WithDefault("128")
    int maxBatch();

    /**
     * Most group-commit transactions in flight at once (1 = strictly one after another). Batches
     * holding replaceable/addressable events or deletions always run alone. Default: 2.
     */
    @WithDefault("2")
    int pipeline();

    /** How often expired events (NIP-40) are purged. Default: 60 seconds. */
    @WithDefault("60s")
    Duration purgeInterval();
  }

  /**
   * The embedded PostgreSQL's memory and planner settings, applied at every start (restart
   * required). Values with a unit take PostgreSQL's units ({@code kB}, {@code MB}, {@code GB}).
   */
  interface Embedded {
    /**
     * {@code shared_buffers}, PostgreSQL's own page cache: a size such as {@code 512MB}, or {@code
     * auto} for a quarter of the machine's memory (of the container's limit in a container), at
     * least 128 MB and at most 1 GB. A limit-500 author query reads ~500 scattered table pages;
     * each one missing here costs a read from the OS cache or the disk. Default: {@code auto}.
     */
    @WithDefault("auto")
    String sharedBuffers();

    /**
     * {@code effective_cache_size}, the planner's estimate of the memory caching the database (its
     * own cache plus the OS's): a size, or {@code auto} for half the machine's memory, at least 512
     * MB and at most 8 GB. Allocates nothing. Default: {@code auto}.
     */
    @WithDefault("auto")
    String effectiveCacheSize();

    /**
     * {@code random_page_cost}, the planner's cost of a random page read against a sequential one
     * (1.0): 1.1 suits an SSD or a store that fits in memory, PostgreSQL's own 4 a spinning disk.
     * Default: 1.1.
     */
    @WithDefault("1.1")
    String randomPageCost();
  }

  /**
   * Live fan-out. Local subscribers always get an event at once, in-process; with {@code rabbitmq}
   * every accepted event is also published to a fan-out exchange that every replica consumes
   * through its own exclusive, auto-delete queue. All keys need a restart.
   */
  interface Fanout {
    /**
     * {@code in-memory} (one replica; no broker is contacted) or {@code rabbitmq} (several replicas
     * sharing one database). Default: {@code in-memory}.
     */
    @WithDefault("in-memory")
    org.hearth.relay.fanout.FanoutMode mode();

    /**
     * Name of the RabbitMQ fan-out exchange shared by the replicas (declared non-durable and
     * auto-delete; each replica binds {@code <exchange>.<instance-id>} to it). Default: {@code
     * hearth.relay.events}.
     */
    @WithDefault("hearth.relay.events")
    String exchange();

    /**
     * This replica's id on the exchange: its own events coming back from the broker are ignored
     * (they were delivered locally already). Default: a random UUID per start.
     */
    Optional<String> instanceId();

    /** The broker (used with mode {@code rabbitmq} only). */
    Rabbitmq rabbitmq();
  }

  /** RabbitMQ connection settings. The password is never logged. */
  interface Rabbitmq {
    /** Broker host name. Default: {@code localhost}. */
    @WithDefault("localhost")
    String host();

    /** Broker AMQP port. Default: 5672. */
    @WithDefault("5672")
    int port();

    /** Virtual host. Default: {@code /}. */
    @WithDefault("/")
    String virtualHost();

    /** User name. Default: {@code guest}. */
    @WithDefault("guest")
    String username();

    /**
     * Password, e.g. from {@code HEARTH_RELAY_FANOUT_RABBITMQ_PASSWORD}. Default: none ({@code
     * password-file}, else {@code guest}).
     */
    Optional<String> password();

    /**
     * File holding the password (first line; a mounted secret), read at start; wins over {@code
     * password}. Default: none.
     */
    Optional<java.nio.file.Path> passwordFile();

    /** Seconds between reconnection attempts after the broker went away. Default: 5 seconds. */
    @WithDefault("5")
    int reconnectIntervalSeconds();
  }
}
