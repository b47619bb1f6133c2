package org.hearth.nostr.nip59;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/** Malformed wraps, seals and rumors: always an {@link UnwrapException}, never a crash. */
class UnwrapFuzzTest {
  private static final LocalSigner ALICE = new LocalSigner(PrivateKey.fromHex("0a".repeat(32)));
  private static final LocalSigner BOB = new LocalSigner(PrivateKey.fromHex("0b".repeat(32)));
  private static final LocalSigner THROWAWAY = new LocalSigner(PrivateKey.fromHex("0c".repeat(32)));
  private static final Rumor RUMOR =
      Rumor.of(
          ALICE.publicKey(),
          new EventTemplate(
              14, List.of(List.of("p", BOB.publicKey().hex())), "hello bob", 1_700_000_000L));
  private static final String SEAL_JSON = Nip59.seal(ALICE, RUMOR, BOB.publicKey()).toJson();

  private static Event wrapAround(String plaintext) {
    return THROWAWAY.sign(
        new EventTemplate(
            1059,
            List.of(List.of("p", BOB.publicKey().hex())),
            THROWAWAY.nip44Encrypt(BOB.publicKey(), plaintext),
            1_700_000_000L));
  }

  private static Event sealAround(String rumorJson) {
    return ALICE.sign(
        new EventTemplate(13, List.of(), ALICE.nip44Encrypt(BOB.publicKey(), rumorJson), 1));
  }

  @Property(tries = 200)
  void garbageWrapContent(@ForAll @StringLength(max = 300) String content) {
    Event wrap = THROWAWAY.sign(new EventTemplate(1059, List.of(), content, 1));
    assertThatThrownBy(() -> Nip59.unwrap(wrap, BOB)).isInstanceOf(UnwrapException.class);
  }

  @Property(tries = 200)
  void garbageSealJson(@ForAll @StringLength(min = 1, max = 300) String plaintext) {
    assertThatThrownBy(() -> Nip59.unwrap(wrapAround(plaintext), BOB))
        .isInstanceOf(UnwrapException.class);
  }

  @Property(tries = 200)
  void mutatedSealJson(
      @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll char replacement) {
    int i = position % SEAL_JSON.length();
    if (SEAL_JSON.charAt(i) == replacement) {
      return;
    }
    String mutated = SEAL_JSON.substring(0, i) + replacement + SEAL_JSON.substring(i + 1);
    assertThatThrownBy(() -> Nip59.unwrap(wrapAround(mutated), BOB))
        .isInstanceOf(UnwrapException.class);
  }

  @Property(tries = 200)
  void truncatedSealJson(@ForAll @IntRange(min = 1, max = 100_000) int length) {
    String truncated = SEAL_JSON.substring(0, length % SEAL_JSON.length() + 1);
    if (truncated.equals(SEAL_JSON)) {
      return;
    }
    assertThatThrownBy(() -> Nip59.unwrap(wrapAround(truncated), BOB))
        .isInstanceOf(UnwrapException.class);
  }

  @Property(tries = 200)
  void garbageRumorJson(@ForAll @StringLength(min = 1, max = 300) String rumorJson) {
    Event wrap = Nip59.wrap(sealAround(rumorJson), BOB.publicKey());
    assertThatThrownBy(() -> Nip59.unwrap(wrap, BOB)).isInstanceOf(UnwrapException.class);
  }

  @Property(tries = 200)
  void truncatedRumorJson(@ForAll @IntRange(min = 1, max = 100_000) int length) {
    String json = RUMOR.toJson();
    String truncated = json.substring(0, length % (json.length() - 1) + 1);
    Event wrap = Nip59.wrap(sealAround(truncated), BOB.publicKey());
    assertThatThrownBy(() -> Nip59.unwrap(wrap, BOB)).isInstanceOf(UnwrapException.class);
  }
}
