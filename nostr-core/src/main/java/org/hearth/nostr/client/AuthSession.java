package org.hearth.nostr.client;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.nostr.nip42.Nip42;

/**
 * NIP-42 state of one connection: the latest challenge, the AUTH in flight, whether it succeeded.
 * Loop-confined; every future it completes is completed on the loop.
 */
final class AuthSession {
  private final RelayClientConfig config;
  private final ScheduledExecutorService loop;
  private final Executor signing;
  private final WebSocketConnection connection;
  private final CompletableFuture<String> firstChallenge = new CompletableFuture<>();
  private String challenge;
  private CompletableFuture<Void> attempt;
  private String authEventId;
  private boolean authenticated;

  AuthSession(
      RelayClientConfig config,
      ScheduledExecutorService loop,
      Executor signing,
      WebSocketConnection connection) {
    this.config = config;
    this.loop = loop;
    this.signing = signing;
    this.connection = connection;
  }

  void onChallenge(String value) {
    challenge = value;
    firstChallenge.complete(value);
  }

  Optional<String> challenge() {
    return Optional.ofNullable(challenge);
  }

  boolean authenticated() {
    return authenticated;
  }

  /**
   * Authenticates once per connection: joins the attempt in flight or the one that succeeded,
   * starts a new one otherwise (waiting for a challenge if none came yet). Fails with {@link
   * AuthFailedException} or {@link RelayTimeoutException} after the OK timeout.
   */
  CompletableFuture<Void> authenticate() {
    if (attempt != null && !attempt.isCompletedExceptionally()) {
      return attempt;
    }
    CompletableFuture<Void> current = new CompletableFuture<>();
    attempt = current;
    Optional<Signer> signer = config.signer();
    if (signer.isEmpty()) {
      current.completeExceptionally(
          new AuthFailedException("the relay requires AUTH but no signer is configured"));
      return current;
    }
    ScheduledFuture<?> timer =
        loop.schedule(
            () ->
                current.completeExceptionally(
                    new RelayTimeoutException(
                        challenge == null ? "no AUTH challenge from the relay" : "no OK for AUTH",
                        config.okTimeout())),
            config.okTimeout().toNanos(),
            TimeUnit.NANOSECONDS);
    current.whenComplete((v, e) -> timer.cancel(false));
    firstChallenge.thenRun(() -> sign(signer.get(), current));
    return current;
  }

  private void sign(Signer signer, CompletableFuture<Void> current) {
    if (current.isDone()) {
      return;
    }
    EventTemplate template = Nip42.authTemplate(config.uri().toString(), challenge);
    CompletableFuture<Event> signed;
    try {
      // off the loop: a remote signer may take its time
      signed = CompletableFuture.supplyAsync(() -> signer.sign(template), signing);
    } catch (RejectedExecutionException e) {
      current.completeExceptionally(new ClientClosedException("client closed during AUTH"));
      return;
    }
    signed.whenCompleteAsync(
        (event, error) -> {
          if (current.isDone()) {
            return;
          }
          if (error != null) {
            current.completeExceptionally(
                new AuthFailedException(
                    "the signer failed: " + WebSocketConnection.rootMessage(error)));
            return;
          }
          authEventId = event.id();
          if (!connection.send(MessageCodec.encode(new ClientMessage.Auth(event)))) {
            current.completeExceptionally(
                new RelayConnectException("connection lost before AUTH was sent", null));
          }
        },
        loop);
  }

  /** Consumes the OK of our AUTH event; false when the OK is about something else. */
  boolean onOk(RelayMessage.Ok ok) {
    if (authEventId == null || !authEventId.equals(ok.eventId())) {
      return false;
    }
    authEventId = null;
    if (ok.accepted()) {
      authenticated = true;
      attempt.complete(null);
    } else {
      attempt.completeExceptionally(
          new AuthFailedException("the relay rejected AUTH: " + ok.message()));
    }
    return true;
  }

  void connectionLost() {
    firstChallenge.cancel(false);
    if (attempt != null) {
      attempt.completeExceptionally(new RelayConnectException("connection lost during AUTH", null));
    }
  }
}
