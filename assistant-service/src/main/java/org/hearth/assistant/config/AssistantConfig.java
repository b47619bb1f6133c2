package org.hearth.assistant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the assistant service ({@code hearth.assistant.*}). Environment variables a
 * launcher or Helm chart sets: {@code HEARTH_RELAY_URL}, {@code HEARTH_ASSISTANT_KEYS_DIR}, {@code
 * OLLAMA_HOST}. Changes need a restart.
 */
@ConfigMapping(prefix = "hearth.assistant")
public interface AssistantConfig {

  /**
   * Base URL of relay-private ({@code ws://}, {@code wss://}, {@code http://} or {@code https://});
   * the assistant of relay {@code family} connects to {@code <base>/family} and nowhere else.
   */
  @WithDefault("${HEARTH_RELAY_URL:ws://127.0.0.1:8080}")
  URI relayUrl();

  /** The relays (scopes) that get an assistant, one assistant each. */
  @WithDefault("personal,family,work")
  List<String> relays();

  /**
   * Directory of key files, one per relay ({@code family.nsec}, holding an nsec or 64 hex
   * characters). A missing file is generated with permissions 0600.
   */
  @WithDefault("${HEARTH_ASSISTANT_KEYS_DIR:data/assistant-keys}")
  Path keysDir();

  /**
   * Connect each assistant to its relay at startup (false: no relay connection, e.g. in tests that
   * drive the assistant directly).
   */
  @WithDefault("true")
  boolean connect();

  /** Ollama, the language model server. */
  Ollama ollama();

  /** Long-term memory built from the relay's notes. */
  Memory memory();

  /** Direct messages. */
  Dm dm();

  /** PostgreSQL. */
  Database database();

  /** Defaults for every scope; each may be overridden under {@code scopes.<relay>.*}. */
  ScopeDefaults defaults();

  /** Per-relay overrides of {@link #defaults()}. */
  Map<String, ScopeOverrides> scopes();

  /**
   * The finetune service's public key (hex or npub; env {@code HEARTH_FINETUNE_PUBKEY}): consented
   * conversations (kind 30970) are encrypted to it, job requests name it, and only its job results
   * switch a scope's model. Absent: {@code /consent on} says fine-tuning is not set up.
   */
  Optional<String> finetunePubkey();

  /** Consented conversations (kind 30970) kept on the relay for fine-tuning. */
  Consent consent();

  /** Consent settings. */
  interface Consent {
    /** Quiet time after an exchange before the member's 30970 event is republished. */
    @WithDefault("30s")
    Duration debounce();

    /**
     * Largest 30970 event, in bytes of its JSON, when the relay's NIP-11 document gives no {@code
     * max_message_length}; the smaller of the two applies. NIP-44 caps the plaintext at 65535 bytes
     * in any case.
     */
    @WithDefault("131072")
    int maxEventBytes();
  }

  /** Ollama HTTP API settings. */
  interface Ollama {
    /**
     * Ollama's address: {@code http://host:port} or, as Ollama's own CLI accepts, {@code
     * host:port}.
     */
    @WithDefault("${OLLAMA_HOST:http://127.0.0.1:11434}")
    String host();

    /** Time to wait for Ollama's response headers (model load included); seconds resolution. */
    @WithDefault("60s")
    Duration requestTimeout();

    /** Upper bound for a whole streamed answer; the partial answer is kept when it expires. */
    @WithDefault("120s")
    Duration answerTimeout();

    /** Upper bound for one embedding call. */
    @WithDefault("15s")
    Duration embedTimeout();

    /** Upper bound for the model list ({@code /api/tags}), used to pick models and for /status. */
    @WithDefault("3s")
    Duration probeTimeout();

    /** How long a model list is reused before Ollama is asked again. */
    @WithDefault("60s")
    Duration modelCacheTtl();

    /** Embedding model for memory search; without it memory uses full-text search only. */
    @WithDefault("nomic-embed-text")
    String embedModel();
  }

  /** Memory settings. */
  interface Memory {
    /** PostgreSQL text search configuration (stemming, stop words): {@code english}, ... */
    @WithDefault("english")
    String textSearchConfig();

    /** Notes put into a prompt (at most). */
    @WithDefault("6")
    int notesPerAnswer();

    /** Half-life of the recency boost, in days: a note this old counts half as much. */
    @WithDefault("30")
    int recencyHalfLifeDays();

    /** Notes compared by embedding per question (newest first). */
    @WithDefault("2000")
    int embeddingCandidates();

    /**
     * Cosine similarity (0 to 1) a note's embedding needs to count as relevant; unrelated texts
     * score around 0.3-0.5 with common embedding models.
     */
    @WithDefault("0.55")
    double minSimilarity();

    /** Longest note content kept, in characters; longer notes are truncated in memory. */
    @WithDefault("20000")
    int maxNoteChars();

    /**
     * On (re)start the memory subscription asks only for events created after the newest one
     * remembered minus this margin (late or back-dated events inside it are still seen).
     */
    @WithDefault("1h")
    Duration resumeMargin();
  }

  /** Direct message settings. */
  interface Dm {
    /** Longest reply DM, in characters; longer answers are split into several DMs. */
    @WithDefault("2000")
    int maxReplyChars();

    /** Longest incoming DM accepted, in characters of plaintext; longer ones are refused. */
    @WithDefault("8000")
    int maxIncomingChars();

    /** Conversation turns (question or answer) of a member put into a prompt, at most. */
    @WithDefault("10")
    int historyTurns();

    /**
     * Characters of conversation history put into a prompt, at most (about 4 characters per token);
     * the oldest turns are left out first.
     */
    @WithDefault("6000")
    int historyChars();

    /** Conversation turns kept in storage per member; older ones are erased. */
    @WithDefault("500")
    int retainedTurns();

    /** How far back to look for gift wraps (their timestamps are randomized up to 2 days). */
    @WithDefault("2d")
    Duration lookback();

    /** Minimum time between two refusals sent to the same non-member. */
    @WithDefault("24h")
    Duration refusalInterval();

    /** Refusals one assistant sends to non-members per minute, in all (more stay silent). */
    @WithDefault("10")
    int refusalsPerMinute();

    /** Messages a member may send per minute; more are dropped (logged, not answered). */
    @WithDefault("20")
    int perMemberPerMinute();
  }

  /** Database settings. */
  interface Database {
    /**
     * JDBC URL of PostgreSQL. Absent: an embedded PostgreSQL is started under {@link
     * #embeddedDir()}.
     */
    Optional<String> url();

    /** Database user. */
    @WithDefault("postgres")
    String username();

    /** Database password (empty for trust authentication). */
    Optional<String> password();

    /** Data directory of the embedded PostgreSQL. */
    @WithDefault("data/assistant-db")
    Path embeddedDir();

    /** Connections in the pool (at most). */
    @WithDefault("8")
    int maxPoolSize();
  }

  /** Settings every scope has. */
  interface ScopeDefaults {
    /** System prompt; {@code {relay}} is replaced by the relay's name. */
    @WithDefault(
        "You are the {relay} assistant of a household, reachable by direct message. Answer briefly"
            + " and truthfully from the notes you are given; say so when they do not contain the"
            + " answer. Never invent facts about the household.")
    String persona();

    /**
     * Base Ollama model; used when no fine-tuned model named {@code hearth-<relay>} is listed by
     * Ollama.
     */
    @WithDefault("llama3.2:3b")
    String baseModel();

    /**
     * Event kinds followed into memory: notes, long-form, calendar events and lists (follow sets,
     * curation sets, pins, bookmarks).
     */
    @WithDefault("1,30023,31922,31923,30000,30001,30003,10001,10003")
    List<Integer> followedKinds();

    /** Members (hex pubkeys or npubs) used when the relay publishes no NIP-43 member list. */
    Optional<List<String>> members();

    /** Members (hex pubkeys or npubs) allowed to run admin commands such as /retrain. */
    Optional<List<String>> admins();
  }

  /** Per-relay overrides; anything absent falls back to {@link ScopeDefaults}. */
  interface ScopeOverrides {
    /** System prompt for this relay. */
    Optional<String> persona();

    /** Base Ollama model for this relay. */
    Optional<String> baseModel();

    /** Event kinds followed into this relay's memory. */
    Optional<List<Integer>> followedKinds();

    /** Configured members of this relay (hex or npub). */
    Optional<List<String>> members();

    /** Admins of this relay (hex or npub). */
    Optional<List<String>> admins();
  }
}
