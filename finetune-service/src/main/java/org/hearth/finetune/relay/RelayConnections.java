package org.hearth.finetune.relay;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.finetune.config.FinetuneConfig;
import org.hearth.nostr.client.RelayClient;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.jboss.logging.Logger;

/**
 * One relay client per configured relay URL, as the service key: subscribed to job requests ({@code
 * {"kinds":[5970],"since":now - request-lookback}}), used to publish feedback and results. Connects
 * in the background (retrying with backoff) so a relay that is down delays nothing.
 */
@ApplicationScoped
public class RelayConnections {
  private static final Logger LOG = Logger.getLogger(RelayConnections.class);
  private static final Duration OK_TIMEOUT = Duration.ofSeconds(10);

  private final FinetuneConfig config;
  private final ServiceKey key;
  private final JobRequestListener listener;
  private final Map<String, RelayClient> clients = new ConcurrentHashMap<>();

  public RelayConnections(FinetuneConfig config, ServiceKey key, JobRequestListener listener) {
    this.config = config;
    this.key = key;
    this.listener = listener;
  }

  void onStart(@Observes StartupEvent ev) {
    config.relays().forEach((name, relay) -> relay.url().ifPresent(url -> open(name, url)));
  }

  private void open(String relay, java.net.URI url) {
    RelayClient client =
        RelayClient.builder(url).signer(key.signer()).eagerAuth(true).okTimeout(OK_TIMEOUT).build();
    clients.put(relay, client);
    client
        .connect()
        .exceptionally(
            e -> {
              LOG.warnf(
                  "relay %s (%s) not reachable yet, retrying: %s", relay, url, e.getMessage());
              return null;
            });
    long since =
        Clock.systemUTC().instant().minus(config.jobs().requestLookback()).getEpochSecond();
    Filter requests =
        new Filter(
            null, null, Set.of(JobKinds.REQUEST), null, OptionalLong.of(since), null, null, null);
    client.subscribe(List.of(requests), e -> listener.onRequest(relay, e));
    LOG.infof("listening for fine-tune requests on %s as %s", url, key.signer().publicKey().hex());
  }

  /** The client of a relay, if it has a URL. */
  public Optional<RelayClient> client(String relay) {
    return Optional.ofNullable(clients.get(relay));
  }

  /** Publishes an event on a relay; failures are logged, never thrown. */
  public void publish(String relay, Event event) {
    RelayClient c = clients.get(relay);
    if (c == null) {
      return;
    }
    c.publish(event)
        .whenComplete(
            (ok, err) -> {
              if (err != null) {
                LOG.warnf(
                    "publishing kind %d on %s failed: %s", event.kind(), relay, err.getMessage());
              } else if (!ok.accepted()) {
                LOG.warnf("relay %s refused kind %d: %s", relay, event.kind(), ok.message());
              }
            });
  }

  void onStop(@Observes ShutdownEvent ev) {
    clients.values().forEach(RelayClient::close);
    clients.clear();
  }
}
