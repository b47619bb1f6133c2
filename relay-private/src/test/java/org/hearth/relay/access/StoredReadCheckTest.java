package org.hearth.relay.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.CAROL;
import static org.hearth.relay.support.TestKeys.OWNER;
import static org.hearth.relay.support.TestKeys.event;
import static org.hearth.relay.support.TestKeys.hex;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Relays;
import org.hearth.relay.storage.EventQueries;
import org.hearth.relay.storage.GroupCommitter;
import org.hearth.relay.storage.PrivacyClause;
import org.hearth.relay.storage.StoredEvent;
import org.junit.jupiter.api.Test;

/**
 * REQ and COUNT check stored rows by their columns; live delivery checks parsed events. Both go
 * through {@link ReadAccess#canRead}: for each stored row (read back without the SQL privacy clause
 * and expiry condition, so the Java check alone decides) and each reader, the column check must
 * give the answer the parsed-event check gives, and the expected one.
 */
@QuarkusTest
class StoredReadCheckTest {
  @Inject GroupCommitter committer;
  @Inject EventQueries queries;
  @Inject ReadAccess access;
  @Inject Relays relays;

  @Test
  void theColumnCheckAdmitsExactlyWhatTheEventCheckAdmits() throws Exception {
    String t = UUID.randomUUID().toString();
    long now = System.currentTimeMillis() / 1000;
    String alice = hex(ALICE);
    String bob = hex(BOB);
    String owner = hex(OWNER);
    // event -> the readers (single keys) expected to read it
    Map<Event, Set<String>> expected = new LinkedHashMap<>();
    Set<String> members = Set.of(alice, bob, owner);
    expected.put(event(ALICE, 1, "note", "t", t), members);
    expected.put(event(ALICE, 1, "expired", "t", t, "expiration", "" + (now - 60)), Set.of());
    expected.put(event(ALICE, 1, "expires", "t", t, "expiration", "" + (now + 86_400)), members);
    expected.put(event(ALICE, 1059, "wrap for bob", "t", t, "p", bob), Set.of(alice, bob));
    expected.put(event(ALICE, 1059, "e not p", "t", t, "e", bob), Set.of(alice));
    expected.put(
        event(ALICE, 1059, "expired wrap", "t", t, "p", bob, "expiration", "" + (now - 60)),
        Set.of());
    expected.put(event(ALICE, 4, "dm to owner", "t", t, "p", owner), Set.of(alice, owner));
    expected.put(event(ALICE, 30078, "app data", "t", t, "d", "x", "p", bob), Set.of(alice));
    expected.put(event(BOB, 30078, "bob's app data", "t", t, "d", "x"), Set.of(bob));
    for (Event e : expected.keySet()) {
      committer.submit("family", e).orTimeout(30, TimeUnit.SECONDS).join();
    }

    Filter byTag =
        new Filter(
            null,
            null,
            null,
            Map.of("t", Set.of(t)),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalInt.empty(),
            Optional.empty());
    CompletableFuture<List<StoredEvent>> answer = new CompletableFuture<>();
    queries.query(
        "family",
        List.of(byTag),
        new PrivacyClause(List.of(), List.of(), List.of()),
        100,
        100,
        0,
        (events, err) -> {
          if (err != null) {
            answer.completeExceptionally(err);
          } else {
            answer.complete(events);
          }
        });
    List<StoredEvent> rows = answer.get(30, TimeUnit.SECONDS);
    assertThat(rows).hasSize(expected.size());

    RelaySettings family = relays.find("family").orElseThrow();
    List<LocalSigner> keys = List.of(ALICE, BOB, OWNER, CAROL);
    int admitted = 0;
    for (StoredEvent row : rows) {
      Event parsed = Event.fromJson(row.raw());
      assertThat(row.id()).isEqualTo(parsed.id());
      for (LocalSigner k : keys) {
        Set<String> reader = Set.of(hex(k));
        boolean byColumns = access.canRead(family, reader, row, now);
        boolean byEvent = access.canRead(family, reader, parsed, now);
        assertThat(byColumns)
            .as("%s reading %s", hex(k), parsed.content())
            .isEqualTo(byEvent)
            .isEqualTo(expected.get(parsed).contains(hex(k)));
        admitted += byColumns ? 1 : 0;
      }
      // two keys on one connection: either one's right is enough, for both checks alike
      Set<String> both = Set.of(owner, hex(CAROL));
      assertThat(access.canRead(family, both, row, now))
          .isEqualTo(access.canRead(family, both, parsed, now))
          .isEqualTo(expected.get(parsed).contains(owner));
      assertThat(access.canRead(family, Set.of(), row, now)).isFalse();
    }
    assertThat(admitted).isEqualTo(expected.values().stream().mapToInt(Set::size).sum());
  }
}
