package org.hearth.nostr.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.hearth.nostr.crypto.Signer;

/**
 * Settings of one {@link RelayClient}; build it with {@link RelayClient#builder(URI)}.
 *
 * @param uri the relay, {@code ws://} or {@code wss://}
 * @param signer answers NIP-42 AUTH challenges; without one, {@code auth-required:} is final
 * @param eagerAuth authenticate as soon as a challenge arrives, not only when a request needs it
 * @param connectTimeout for opening the websocket (TCP, TLS and HTTP upgrade)
 * @param okTimeout for the OK of an EVENT or AUTH
 * @param eoseTimeout for the EOSE of a REQ and the answer to a COUNT
 * @param reconnectMin first backoff delay after a lost connection
 * @param reconnectMax largest backoff delay; delays double from min to max, with jitter, and start
 *     over at min once a connection stayed up this long
 * @param verifySignatures check id and signature of every received event, dropping bad ones
 * @param maxFrameSize largest relay message accepted, in characters; longer ones are dropped
 * @param maxPending bound on publishes and COUNTs waiting for their answer
 * @param maxQueuedEvents bound on callbacks queued per subscription; overflow closes it
 * @param dedupWindow how many recent event ids each subscription remembers to drop duplicates
 */
public record RelayClientConfig(
    URI uri,
    Optional<Signer> signer,
    boolean eagerAuth,
    Duration connectTimeout,
    Duration okTimeout,
    Duration eoseTimeout,
    Duration reconnectMin,
    Duration reconnectMax,
    boolean verifySignatures,
    int maxFrameSize,
    int maxPending,
    int maxQueuedEvents,
    int dedupWindow) {

  public RelayClientConfig {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme();
    if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("relay URI must be ws:// or wss://, got " + uri);
    }
    signer = signer == null ? Optional.empty() : signer;
    if (eagerAuth && signer.isEmpty()) {
      throw new IllegalArgumentException("eagerAuth needs a signer");
    }
    positive(connectTimeout, "connectTimeout");
    positive(okTimeout, "okTimeout");
    positive(eoseTimeout, "eoseTimeout");
    positive(reconnectMin, "reconnectMin");
    positive(reconnectMax, "reconnectMax");
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax must not be below reconnectMin");
    }
    atLeastOne(maxFrameSize, "maxFrameSize");
    atLeastOne(maxPending, "maxPending");
    atLeastOne(maxQueuedEvents, "maxQueuedEvents");
    atLeastOne(dedupWindow, "dedupWindow");
  }

  /** The defaults: 10 s connect, 10 s OK, 30 s EOSE, backoff 0.5 s to 60 s, 2 Mi characters. */
  public static RelayClientConfig defaults(URI uri) {
    return new RelayClientConfig(
        uri,
        Optional.empty(),
        false,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMillis(500),
        Duration.ofSeconds(60),
        true,
        2 * 1024 * 1024,
        1000,
        10_000,
        10_000);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  private static void atLeastOne(int n, String name) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + n);
    }
  }
}
