package org.hearth.finetune.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hearth.finetune.model.TinyLlama;
import org.hearth.finetune.ollama.OllamaDouble;
import org.hearth.finetune.safetensors.DType;
import org.hearth.nostr.testkit.TestDatabase;

/**
 * What every Quarkus test of this module runs against: its own PostgreSQL database (127.0.0.1:5432
 * or embedded), a tiny Llama in Hugging Face format as the base model, the Ollama test double, and
 * a fresh data directory (artifacts, service key).
 */
public class FinetuneTestResource implements QuarkusTestResourceLifecycleManager {
  /** The base model name the service registers adapters on. */
  public static final String BASE_MODEL = "llama3.2:1b";

  /** The double of the running application (one application at a time). */
  public static volatile OllamaDouble ollama;

  /** The data directory of the running application. */
  public static volatile Path dataDir;

  private TestDatabase db;

  @Override
  public Map<String, String> start() {
    try {
      db = TestDatabase.start("finetune");
      Path root = Path.of("target", "finetune-test", UUID.randomUUID().toString()).toAbsolutePath();
      Path model = root.resolve("tiny-llama");
      TinyLlama.write(model, TinyLlama.config(false, false), 21, DType.F32);
      dataDir = root.resolve("data");
      Files.createDirectories(dataDir);
      ollama = new OllamaDouble(Set.of(BASE_MODEL));
      Map<String, String> p = new HashMap<>();
      p.put("hearth.finetune.database.url", db.url());
      p.put("hearth.finetune.data-dir", dataDir.toString());
      p.put("hearth.finetune.key-file", dataDir.resolve("keys/service.nsec").toString());
      p.put("hearth.finetune.jobs.base-model", BASE_MODEL);
      p.put("hearth.finetune.jobs.base-model-dir", model.toString());
      p.put("hearth.finetune.ollama.host", ollama.uri().toString());
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (ollama != null) {
      ollama.close();
    }
    if (db != null) {
      db.close();
    }
  }
}
