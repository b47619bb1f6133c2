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

  /** Privacy scrubbing settings. */
  Scrub scrub();

  /** Where datasets are read from. */
  Data dataset();

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
     * <relay-url>/family} and nowhere else. Default: {@code ws://localhost:8080}.
     */
    @WithDefault("ws://localhost:8080")
    URI relayUrl();

    /**
     * File holding the fine-tune service's secret key (first line: nsec or 64 hex characters; mode
     * 0600). It authenticates (NIP-42) and decrypts consented conversations. Absent: datasets are
     * refused.
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
