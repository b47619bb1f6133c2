package org.hearth.assistant.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.keys.KeyFiles;
import org.hearth.nostr.crypto.LocalSigner;

/** Each assistant's signing key, from its key file (generated on first use). */
@ApplicationScoped
public class AssistantKeys {
  private final KeyFiles files;
  private final Map<String, LocalSigner> signers = new ConcurrentHashMap<>();

  public AssistantKeys(AssistantConfig config) {
    this.files = new KeyFiles(config.keysDir());
  }

  public LocalSigner signerFor(String relay) {
    return signers.computeIfAbsent(relay, r -> new LocalSigner(files.loadOrCreate(r)));
  }
}
