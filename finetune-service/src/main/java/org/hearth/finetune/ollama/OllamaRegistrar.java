package org.hearth.finetune.ollama;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.request.CustomModelRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers a PEFT adapter directory as an Ollama model: uploads adapter_config.json and
 * adapter_model.safetensors as blobs, then {@code POST /api/create} (through ollama4j) with {@code
 * from} = the base model and {@code adapters} = file name to digest. (Ollama's own {@code ADAPTER
 * <dir>} Modelfile path is broken since 0.12.11, hence the explicit blobs.)
 */
public final class OllamaRegistrar {
  static final List<String> ADAPTER_FILES =
      List.of("adapter_config.json", "adapter_model.safetensors");

  private final BlobUploader blobs;
  private final Ollama ollama;

  public OllamaRegistrar(URI host, Duration timeout) {
    this.blobs = new BlobUploader(host, timeout);
    this.ollama = new Ollama(host.toString());
    this.ollama.setRequestTimeoutSeconds(Math.max(1, timeout.toSeconds()));
  }

  /**
   * Uploads the adapter and creates {@code model} from {@code baseModel} plus the adapter.
   *
   * @return the adapter files by name with their blob digests, as sent to Ollama
   */
  public Map<String, String> register(String model, String baseModel, Path adapterDir)
      throws IOException {
    Map<String, String> adapters = new LinkedHashMap<>();
    for (String name : ADAPTER_FILES) {
      Path file = adapterDir.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new OllamaRegistrationException("adapter directory lacks " + name);
      }
      adapters.put(name, blobs.upload(file));
    }
    CustomModelRequest request =
        CustomModelRequest.builder().model(model).from(baseModel).adapters(adapters).stream(true)
            .build();
    try {
      ollama.createModel(request);
    } catch (OllamaException e) {
      throw new OllamaRegistrationException("creating " + model + " failed: " + e.getMessage(), e);
    }
    return adapters;
  }
}
