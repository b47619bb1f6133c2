package org.hearth.assistant.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;

/**
 * Starts the Ollama double for the Quarkus test application, points {@code hearth.assistant} at it
 * and at a fresh keys directory, and injects it into fields marked {@link InjectOllama}.
 */
public class OllamaResource implements QuarkusTestResourceLifecycleManager {
  public static final String BASE_MODEL = "llama3.2:3b";
  public static final String EMBED_MODEL = "nomic-embed-text:latest";

  /** The one admin of every test relay. */
  public static final LocalSigner ADMIN =
      new LocalSigner(
          PrivateKey.fromHex("0000000000000000000000000000000000000000000000000000000000000003"));

  private OllamaDouble ollama;

  @Override
  public Map<String, String> start() {
    ollama = new OllamaDouble(BASE_MODEL, EMBED_MODEL);
    Path keys;
    try {
      keys = Files.createTempDirectory("assistant-keys");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "hearth.assistant.ollama.host", ollama.url(),
        "hearth.assistant.keys-dir", keys.toString(),
        "hearth.assistant.ollama.model-cache-ttl", "0s",
        "hearth.assistant.ollama.answer-timeout", "3s",
        "hearth.assistant.defaults.admins", ADMIN.publicKey().hex());
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        ollama, new TestInjector.AnnotatedAndMatchesType(InjectOllama.class, OllamaDouble.class));
  }

  @Override
  public void stop() {
    if (ollama != null) {
      ollama.close();
    }
  }
}
