package org.hearth.finetune.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.junit.jupiter.api.Test;

/** The build's own NIP-09 / NIP-40 check, behind the relay's. */
class DeletionIndexTest {
  private static final LocalSigner ALICE =
      new LocalSigner(PrivateKey.fromHex("%064x".formatted(0x21)));
  private static final LocalSigner MALLORY =
      new LocalSigner(PrivateKey.fromHex("%064x".formatted(0x66)));

  private static Event sign(LocalSigner s, int kind, List<List<String>> tags, long at) {
    return s.sign(new EventTemplate(kind, tags, "x" + at, at));
  }

  @Test
  void onlyTheAuthorDeletesByIdOrByAddressUpToTheDeletionsTime() {
    Event note = sign(ALICE, 1, List.of(), 100);
    Event other = sign(ALICE, 1, List.of(), 101);
    Event oldArticle = sign(ALICE, 30023, List.of(List.of("d", "soup")), 100);
    Event newArticle = sign(ALICE, 30023, List.of(List.of("d", "soup")), 300);
    DeletionIndex idx = new DeletionIndex();
    idx.add(sign(MALLORY, 5, List.of(List.of("e", other.id())), 200));
    idx.add(sign(ALICE, 5, List.of(List.of("e", note.id())), 200));
    idx.add(
        sign(ALICE, 5, List.of(List.of("a", "30023:" + ALICE.publicKey().hex() + ":soup")), 200));
    assertThat(idx.deletes(note)).isTrue();
    assertThat(idx.deletes(other)).as("someone else's deletion").isFalse();
    assertThat(idx.deletes(oldArticle)).isTrue();
    assertThat(idx.deletes(newArticle)).as("written after the deletion").isFalse();
  }

  @Test
  void expirationIsPastAtOrAfterItsSecond() {
    Event e = sign(ALICE, 1, List.of(List.of("expiration", "1000")), 10);
    assertThat(DeletionIndex.expired(e, 999)).isFalse();
    assertThat(DeletionIndex.expired(e, 1000)).isTrue();
    assertThat(
            DeletionIndex.expired(sign(ALICE, 1, List.of(List.of("expiration", "soon")), 10), 5000))
        .isFalse();
  }
}
