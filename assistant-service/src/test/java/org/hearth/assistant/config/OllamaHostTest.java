package org.hearth.assistant.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OllamaHostTest {
  @Test
  void readsOllamaHostLikeOllamaDoes() {
    assertThat(OllamaHost.normalize("")).isEqualTo("http://127.0.0.1:11434");
    assertThat(OllamaHost.normalize("gpu-box")).isEqualTo("http://gpu-box:11434");
    assertThat(OllamaHost.normalize("0.0.0.0:11434")).isEqualTo("http://127.0.0.1:11434");
    assertThat(OllamaHost.normalize("https://ollama.example/"))
        .isEqualTo("https://ollama.example:443");
    assertThat(OllamaHost.normalize("http://10.0.0.5:9999/ollama/"))
        .isEqualTo("http://10.0.0.5:9999/ollama");
  }
}
