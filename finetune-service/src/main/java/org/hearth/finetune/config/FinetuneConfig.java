package org.hearth.finetune.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
}
