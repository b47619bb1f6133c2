package org.hearth.nostr.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.hearth.nostr.crypto.Signer;

/** Builds a {@link RelayClient}; every setting but the URI is optional. */
public final class RelayClientBuilder {
  private final URI uri;
  private Signer signer;
  private boolean eagerAuth;
  private final RelayClientConfig defaults;
  private Duration connectTimeout;
  private Duration okTimeout;
  private Duration eoseTimeout;
  private Duration reconnectMin;
  private Duration reconnectMax;
  private boolean verifySignatures;
  private int maxFrameSize;
  private int maxPending;
  private int maxQueuedEvents;
  private int dedupWindow;
  private Executor callbackExecutor;
  private StateListener stateListener = (from, to) -> {};
  private IssueListener issueListener;

  RelayClientBuilder(URI uri) {
    this.uri = Objects.requireNonNull(uri, "uri");
    defaults = RelayClientConfig.defaults(uri);
    connectTimeout = defaults.connectTimeout();
    okTimeout = defaults.okTimeout();
    eoseTimeout = defaults.eoseTimeout();
    reconnectMin = defaults.reconnectMin();
    reconnectMax = defaults.reconnectMax();
    verifySignatures = defaults.verifySignatures();
    maxFrameSize = defaults.maxFrameSize();
    maxPending = defaults.maxPending();
    maxQueuedEvents = defaults.maxQueuedEvents();
    dedupWindow = defaults.dedupWindow();
  }

  /** Answers NIP-42 challenges with this signer. */
  public RelayClientBuilder signer(Signer signer) {
    this.signer = signer;
    return this;
  }

  /** Authenticate as soon as the relay sends a challenge (needs a signer). Default: on demand. */
  public RelayClientBuilder eagerAuth(boolean eager) {
    this.eagerAuth = eager;
    return this;
  }

  public RelayClientBuilder connectTimeout(Duration d) {
    this.connectTimeout = d;
    return this;
  }

  public RelayClientBuilder okTimeout(Duration d) {
    this.okTimeout = d;
    return this;
  }

  public RelayClientBuilder eoseTimeout(Duration d) {
    this.eoseTimeout = d;
    return this;
  }

  /** Exponential backoff between reconnect attempts, from min to max, with jitter. */
  public RelayClientBuilder reconnectBackoff(Duration min, Duration max) {
    this.reconnectMin = min;
    this.reconnectMax = max;
    return this;
  }

  /** Verify every received event (default true); invalid ones are dropped and reported. */
  public RelayClientBuilder verifySignatures(boolean verify) {
    this.verifySignatures = verify;
    return this;
  }

  /** Largest relay message accepted, in characters (default 2 Mi). */
  public RelayClientBuilder maxFrameSize(int chars) {
    this.maxFrameSize = chars;
    return this;
  }

  /** Bound on publishes and COUNTs awaiting an answer (default 1000). */
  public RelayClientBuilder maxPending(int n) {
    this.maxPending = n;
    return this;
  }

  /** Bound on queued callbacks per subscription (default 10,000); overflow closes it. */
  public RelayClientBuilder maxQueuedEvents(int n) {
    this.maxQueuedEvents = n;
    return this;
  }

  /** Recent event ids remembered per subscription to drop duplicates (default 10,000). */
  public RelayClientBuilder dedupWindow(int n) {
    this.dedupWindow = n;
    return this;
  }

  /**
   * Where callbacks, listeners and future completions run (for example a Quarkus {@code
   * ManagedExecutor}). Not a direct executor: that would run user code on the client's own thread.
   * Default: two daemon threads owned and stopped by the client.
   */
  public RelayClientBuilder callbackExecutor(Executor executor) {
    this.callbackExecutor = executor;
    return this;
  }

  public RelayClientBuilder stateListener(StateListener listener) {
    this.stateListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Default: issues are logged (frames cut short, never keys). */
  public RelayClientBuilder issueListener(IssueListener listener) {
    this.issueListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  public RelayClientConfig config() {
    return new RelayClientConfig(
        uri,
        Optional.ofNullable(signer),
        eagerAuth,
        connectTimeout,
        okTimeout,
        eoseTimeout,
        reconnectMin,
        reconnectMax,
        verifySignatures,
        maxFrameSize,
        maxPending,
        maxQueuedEvents,
        dedupWindow);
  }

  /** A new client, not connected yet: call {@link RelayClient#connect()}. */
  public RelayClient build() {
    return new RelayClient(config(), callbackExecutor, stateListener, issueListener);
  }
}
