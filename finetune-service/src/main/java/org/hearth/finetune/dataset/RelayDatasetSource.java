package org.hearth.finetune.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hearth.finetune.config.FinetuneConfig;
import org.hearth.nostr.client.RelayClient;
import org.hearth.nostr.client.RelayClientException;
import org.hearth.nostr.crypto.LocalSigner;

/**
 * Builds a relay's dataset from that relay alone: it connects to {@code
 * <hearth.finetune.dataset.relay-url>/<relay>} and nowhere else, authenticates (NIP-42) as the
 * fine-tune service's own key, so the relay's read grants and per-kind visibility decide what it
 * sees, and reads everything it needs page by page over that one connection (see {@link
 * EventPager}, {@link RelayReader}, {@link DatasetBuild}).
 *
 * <p>Chat pairs come only from kind-30970 events written by the relay's <b>configured</b> assistant
 * ({@code hearth.finetune.dataset.assistants.<relay>}), not from any service key: the member
 * consented to that assistant keeping their conversations, and another service holding a write
 * grant must not be able to inject "conversations". A relay without a configured assistant yields
 * documents only.
 *
 * <p>The settings (key files) are read at each build, so a missing or bad key fails that build with
 * a clear {@link DatasetException}, not the service's start.
 */
@ApplicationScoped
public class RelayDatasetSource implements DatasetSource {
  /** Resolves the settings of one build. */
  @FunctionalInterface
  public interface SettingsLoader {
    DatasetSettings load() throws DatasetException;
  }

  private final SettingsLoader settings;

  @Inject
  public RelayDatasetSource(FinetuneConfig config) {
    this(() -> DatasetSettings.from(config));
  }

  public RelayDatasetSource(SettingsLoader settings) {
    this.settings = settings;
  }

  @Override
  public Dataset build(String relay, DatasetProgress progress) throws DatasetException {
    DatasetSettings s = settings.load();
    RelayAddress address = RelayAddress.of(s.relayUrl(), relay);
    progress.report("connect", 0, 1);
    RelayInfo info = RelayInfo.fetch(address, s.pageTimeout());
    int pageSize = Math.min(s.pageSize(), info.maxLimit().orElse(Integer.MAX_VALUE));
    try (RelayClient client =
        RelayClient.builder(address.websocket())
            .signer(new LocalSigner(s.serviceKey()))
            .eagerAuth(true)
            .verifySignatures(false) // RelayReader verifies, and counts what it drops
            .connectTimeout(s.pageTimeout())
            .eoseTimeout(s.pageTimeout())
            .maxQueuedEvents(Math.max(10_000, 2 * pageSize))
            .build()) {
      try {
        client.connectAndWait();
      } catch (RelayClientException e) {
        throw new DatasetException(
            "cannot connect to relay "
                + relay
                + " at "
                + address.websocket()
                + ": "
                + e.getMessage(),
            e);
      }
      progress.report("connect", 1, 1);
      FetchTally tally = new FetchTally();
      RelayReader reader = new RelayReader(client, relay, pageSize, s.pageTimeout(), tally);
      return new DatasetBuild(s, address, info, reader, tally, progress).run();
    }
  }
}
