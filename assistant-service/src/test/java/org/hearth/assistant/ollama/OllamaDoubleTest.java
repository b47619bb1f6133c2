package org.hearth.assistant.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollama4j.models.embed.OllamaEmbedRequest;
import io.github.ollama4j.models.embed.OllamaEmbedResult;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.models.response.ModelDetail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The double speaks Ollama's wire format well enough for ollama4j 1.1.6, endpoint by endpoint. */
class OllamaDoubleTest {
  private final OllamaDouble server = new OllamaDouble("llama3.2:3b", "nomic-embed-text:latest");
  private final Ollama client = new Ollama(server.url());

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void versionTagsAndShow() throws Exception {
    assertThat(client.ping()).isTrue();
    assertThat(client.getVersion()).isEqualTo("0.12.6");
    assertThat(client.listModels())
        .extracting(Model::getName)
        .containsExactly("llama3.2:3b", "nomic-embed-text:latest");
    assertThat(client.listModels().getFirst().getModelMeta().getFamily()).isEqualTo("llama");
    ModelDetail d = client.getModelDetails("llama3.2:3b");
    assertThat(d.getModelFile()).isEqualTo("FROM llama3.2:3b");
    assertThat(d.getCapabilities()).containsExactly("completion");
    assertThatThrownBy(() -> client.getModelDetails("absent:1b"))
        .isInstanceOf(OllamaException.class)
        .hasMessageContaining("404");
  }

  @Test
  void chatStreamsNdjsonAndAlsoAnswersInOnePiece() throws Exception {
    server.answerWith(c -> "One two three four five.");
    server.streaming(5, java.time.Duration.ZERO);
    List<String> pieces = new CopyOnWriteArrayList<>();
    OllamaChatResult streamed =
        client.chat(
            OllamaChatRequest.builder()
                .withModel("llama3.2:3b")
                .withMessage(OllamaChatMessageRole.USER, "count")
                .build(),
            token -> pieces.add(token.getMessage().getResponse()));
    assertThat(streamed.getResponseModel().getMessage().getResponse())
        .isEqualTo("One two three four five.");
    assertThat(streamed.getResponseModel().isDone()).isTrue();
    assertThat(pieces).hasSizeGreaterThanOrEqualTo(5);
    OllamaChatResult whole =
        client.chat(
            OllamaChatRequest.builder()
                .withModel("llama3.2:3b")
                .withMessage(OllamaChatMessageRole.USER, "count")
                .build(),
            null);
    assertThat(whole.getResponseModel().getMessage().getResponse())
        .isEqualTo("One two three four five.");
    assertThat(server.chats())
        .extracting(OllamaDouble.ChatCall::stream)
        .containsExactly(true, false);
  }

  @Test
  void embedReturnsOneNormalizedVectorPerInput() throws Exception {
    OllamaEmbedResult r =
        client.embed(new OllamaEmbedRequest("nomic-embed-text", List.of("a cat sat", "dogs run")));
    assertThat(r.getEmbeddings()).hasSize(2);
    double norm = r.getEmbeddings().getFirst().stream().mapToDouble(x -> x * x).sum();
    assertThat(norm).isBetween(0.999, 1.001);
    assertThatThrownBy(() -> client.embed(new OllamaEmbedRequest("absent", List.of("x"))))
        .isInstanceOf(OllamaException.class)
        .hasMessageContaining("not found");
  }
}
