package org.hearth.nostr.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.Prefix;
import org.hearth.nostr.message.RelayMessage;
import org.junit.jupiter.api.Test;

/** NIP-42 AUTH: on demand after auth-required, eagerly, after reconnects, and its failures. */
class RelayClientAuthTest extends RelayClientTestBase {

  @Test
  void publishAuthenticatesAfterAuthRequiredAndRepublishesOnce() {
    relay.requireAuthForEvent = true;
    LocalSigner member = LocalSigner.generate();
    connected(builder().signer(member));
    RelayMessage.Ok ok = client.publishAndWait(note("members only"));
    assertThat(ok.accepted()).isTrue();
    assertThat(relay.authsAccepted).hasValue(1);
    List<String> kinds = relay.received.stream().map(m -> m.getClass().getSimpleName()).toList();
    assertThat(kinds).containsExactly("Publish", "Auth", "Publish");
    Event auth =
        relay.received.stream()
            .filter(m -> m instanceof ClientMessage.Auth)
            .map(m -> ((ClientMessage.Auth) m).event())
            .findFirst()
            .orElseThrow();
    assertThat(auth.kind()).isEqualTo(22242);
    assertThat(auth.pubkey()).isEqualTo(member.publicKey().hex());
    assertThat(auth.firstTagValue("relay")).contains(relay.uri().toString());
  }

  @Test
  void withoutASignerAuthRequiredIsTheAnswer() {
    relay.requireAuthForEvent = true;
    connected(builder());
    RelayMessage.Ok ok = client.publishAndWait(note("x"));
    assertThat(ok.accepted()).isFalse();
    assertThat(ok.prefix()).contains(Prefix.AUTH_REQUIRED);
    assertThat(relay.received).noneMatch(m -> m instanceof ClientMessage.Auth);
  }

  @Test
  void aRejectedAuthFailsThePublishWithATypedError() throws Exception {
    relay.requireAuthForEvent = true;
    relay.rejectAuth = true;
    connected(builder().signer(LocalSigner.generate()));
    Throwable t = failureOf(client.publish(note("x")));
    assertThat(t).isInstanceOf(AuthFailedException.class).hasMessageContaining("bad AUTH");
  }

  @Test
  void subscribeAuthenticatesAfterClosedAuthRequired() throws Exception {
    relay.requireAuthForReq = true;
    relay.inject(note("stored"));
    connected(builder().signer(LocalSigner.generate()));
    Recorder rec = new Recorder();
    client.subscribe(List.of(kinds(1)), rec);
    assertThat(rec.next()).isEqualTo("event:stored");
    assertThat(rec.next()).isEqualTo("eose");
    assertThat(relay.authsAccepted).hasValue(1);
    assertThat(received(ClientMessage.Req.class)).isEqualTo(2); // refused once, then accepted
  }

  @Test
  void eagerAuthAnswersTheChallengeWithoutBeingAsked() throws Exception {
    connected(builder().signer(LocalSigner.generate()).eagerAuth(true));
    client.authenticate().get(10, TimeUnit.SECONDS);
    assertThat(relay.authsAccepted).hasValue(1);
    assertThat(relay.received).singleElement().isInstanceOf(ClientMessage.Auth.class);
  }

  @Test
  void reconnectReauthenticatesBeforeResubscribing() throws Exception {
    relay.requireAuthForReq = true;
    connected(builder().signer(LocalSigner.generate()));
    Recorder rec = new Recorder();
    client.subscribe(List.of(kinds(1)), rec);
    assertThat(rec.next()).isEqualTo("eose");
    awaitState(ConnectionState.CONNECTED);

    relay.dropConnections();
    awaitState(ConnectionState.CONNECTED);
    relay.inject(note("for members"));
    assertThat(rec.next()).isEqualTo("event:for members");
    assertThat(relay.authsAccepted).hasValue(2);
  }

  @Test
  void authWithoutAChallengeTimesOut() throws Exception {
    relay.sendChallenge = false;
    connected(builder().signer(LocalSigner.generate()).okTimeout(Duration.ofMillis(300)));
    Throwable t = failureOf(client.authenticate());
    assertThat(t).isInstanceOf(RelayTimeoutException.class).hasMessageContaining("challenge");
  }

  @Test
  void relayClosedEndsTheSubscriptionWithItsMessage() throws Exception {
    relay.requireAuthForReq = true;
    connected(builder());
    Recorder rec = new Recorder();
    Subscription sub = client.subscribe(List.of(kinds(1)), rec);
    assertThat(rec.next()).isEqualTo("closed:auth-required: members only");
    Throwable t = failureOf(sub.eose());
    assertThat(t).isInstanceOf(RequestClosedException.class);
    assertThat(((RequestClosedException) t).prefix()).contains(Prefix.AUTH_REQUIRED);
    assertThat(sub.isOpen()).isFalse();
  }

  @Test
  void countAuthenticatesAfterClosedAuthRequired() {
    relay.requireAuthForReq = true;
    relay.inject(note("a"));
    connected(builder().signer(LocalSigner.generate()));
    assertThat(client.countAndWait(List.of(kinds(1)))).isEqualTo(1);
    assertThat(relay.authsAccepted).hasValue(1);
  }
}
