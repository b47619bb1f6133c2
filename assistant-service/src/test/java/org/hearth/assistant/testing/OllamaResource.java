package org.hearth.assistant.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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

  /** A configured member of every test relay. */
  public static final LocalSigner MEMBER =
      new LocalSigner(
          PrivateKey.fromHex("0000000000000000000000000000000000000000000000000000000000000004"));

  /** Another configured member, used by the flood test only. */
  public static final LocalSigner FLOODER =
      new LocalSigner(
          PrivateKey.fromHex("0000000000000000000000000000000000000000000000000000000000000005"));

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
    Map<String, String> config = new HashMap<>();
    config.put("hearth.assistant.ollama.host", ollama.url());
    config.put("hearth.assistant.keys-dir", keys.toString());
    config.put("hearth.assistant.ollama.model-cache-ttl", "0s");
    config.put("hearth.assistant.ollama.answer-timeout", "3s");
    config.put("hearth.assistant.defaults.admins", ADMIN.publicKey().hex());
    config.put(
        "hearth.assistant.defaults.members",
        MEMBER.publicKey().hex() + "," + FLOODER.publicKey().hex());
    return config;
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
