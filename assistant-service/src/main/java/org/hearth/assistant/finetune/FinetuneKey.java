package org.hearth.assistant.finetune;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.nostr.Nip19;
import org.hearth.nostr.crypto.PublicKey;

/**
 * The finetune service's public key ({@code hearth.assistant.finetune-pubkey}), when configured.
 */
@ApplicationScoped
public class FinetuneKey {
  private final Optional<PublicKey> key;

  public FinetuneKey(AssistantConfig config) {
    this.key =
        config
            .finetunePubkey()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(
                s -> {
                  try {
                    return Nip19.parsePublicKey(s);
                  } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                        "hearth.assistant.finetune-pubkey is not a hex public key or npub", e);
                  }
                });
  }

  public Optional<PublicKey> get() {
    return key;
  }
}
