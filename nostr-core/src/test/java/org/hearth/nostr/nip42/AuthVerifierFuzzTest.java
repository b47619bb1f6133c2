package org.hearth.nostr.nip42;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;

/** Arbitrary relay and challenge tags: a result value, never an exception. */
class AuthVerifierFuzzTest {
  private static final LocalSigner CLIENT = new LocalSigner(PrivateKey.fromHex("0e".repeat(32)));
  private static final AuthVerifier VERIFIER = new AuthVerifier();

  @Property(tries = 300)
  void arbitraryRelayTags(@ForAll @StringLength(max = 200) String relay, @ForAll String challenge) {
    AuthResult r =
        VERIFIER.verify(
            Nip42.authEvent(CLIENT, relay, challenge), challenge, "wss://relay.example/x");
    if (r instanceof AuthResult.Ok) {
      assertThat(RelayUrl.parse(relay)).isEqualTo(RelayUrl.parse("wss://relay.example/x"));
    } else {
      assertThat(((AuthResult.Failed) r).reason()).isEqualTo(AuthResult.Reason.RELAY_MISMATCH);
    }
  }
}
