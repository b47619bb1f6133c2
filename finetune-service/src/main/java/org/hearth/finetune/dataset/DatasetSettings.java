package org.hearth.finetune.dataset;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hearth.finetune.config.FinetuneConfig;
import org.hearth.finetune.scrub.Pseudonymizer;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;

/**
 * Everything one dataset build needs, resolved from configuration (key files read, keys parsed).
 *
 * @param relayUrl base websocket URL; a relay is read at {@code <relayUrl>/<relay>}
 * @param serviceKey the fine-tune service's key (AUTH and NIP-44 decryption)
 * @param pseudonymizer keyed pseudonyms for people's names
 * @param documentKinds kinds read as documents
 * @param pageSize events asked for per page
 * @param pageTimeout longest wait for one page
 * @param assistants the assistant key of each relay that has one
 * @param clock for NIP-40 expirations and the manifest's build time
 */
public record DatasetSettings(
    URI relayUrl,
    PrivateKey serviceKey,
    Pseudonymizer pseudonymizer,
    List<Integer> documentKinds,
    int pageSize,
    Duration pageTimeout,
    Map<String, PublicKey> assistants,
    Clock clock) {

  public DatasetSettings {
    Objects.requireNonNull(relayUrl, "relayUrl");
    Objects.requireNonNull(serviceKey, "serviceKey");
    Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    Objects.requireNonNull(pageTimeout, "pageTimeout");
    Objects.requireNonNull(clock, "clock");
    documentKinds = List.copyOf(documentKinds);
    assistants = Map.copyOf(assistants);
    if (documentKinds.isEmpty()) {
      throw new IllegalArgumentException("at least one document kind is needed");
    }
    if (pageSize < 2) {
      throw new IllegalArgumentException("pageSize must be at least 2, got " + pageSize);
    }
  }

  /** Reads the key files named by the configuration. */
  public static DatasetSettings from(FinetuneConfig config) throws DatasetException {
    FinetuneConfig.Data d = config.dataset();
    // The service's one key (hearth.finetune.key-file) unless a dataset-only key is configured.
    Path keyFile = d.keyFile().orElse(config.keyFile());
    Path pseudonymKey =
        config
            .scrub()
            .pseudonymKeyFile()
            .orElseThrow(
                () ->
                    new DatasetException(
                        "hearth.finetune.scrub.pseudonym-key-file is not set: names cannot be"
                            + " pseudonymised"));
    Pseudonymizer p;
    try {
      p = Pseudonymizer.fromKeyFile(pseudonymKey);
    } catch (IOException | IllegalArgumentException e) {
      throw new DatasetException(
          "cannot use the pseudonym key file " + pseudonymKey + ": " + e.getMessage());
    }
    Map<String, PublicKey> assistants = new HashMap<>();
    for (var e : d.assistants().entrySet()) {
      try {
        assistants.put(e.getKey(), PublicKey.parse(e.getValue()));
      } catch (NostrException ex) {
        throw new DatasetException(
            "hearth.finetune.dataset.assistants." + e.getKey() + ": " + ex.getMessage());
      }
    }
    return new DatasetSettings(
        d.relayUrl(),
        ServiceKeyFile.read(keyFile),
        p,
        d.documentKinds(),
        d.pageSize(),
        d.pageTimeout(),
        assistants,
        Clock.systemUTC());
  }
}
