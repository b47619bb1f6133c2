package org.hearth.finetune.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.junit.jupiter.api.Test;

/** Paging against an in-memory relay that answers as relay-private does (newest first, limit). */
class EventPagerTest {
  private static final Filter NOTES =
      new Filter(null, null, Set.of(1), null, null, null, null, null);

  /** Stored events; a REQ gets the newest {@code limit} matches, ties by ascending id. */
  private record MemoryRelay(List<Event> stored, List<Filter> asked)
      implements EventPager.PageSource {
    MemoryRelay(List<Event> stored) {
      this(stored, new ArrayList<>());
    }

    @Override
    public List<Event> fetch(Filter f) {
      asked.add(f);
      return stored.stream()
          .filter(f::matches)
          .sorted(Comparator.comparingLong(Event::createdAt).reversed().thenComparing(Event::id))
          .limit(f.limit().orElse(500))
          .toList();
    }
  }

  private static Event event(int n, String author, long createdAt) {
    return new Event("%064x".formatted(n), author, createdAt, 1, List.of(), "note " + n, "00");
  }

  private static String author(int n) {
    return "%064x".formatted(1_000_000 + n);
  }

  private static List<Event> readAll(MemoryRelay relay, int pageSize, Set<String> authors)
      throws DatasetException {
    List<Event> got = new ArrayList<>();
    new EventPager(relay, pageSize).readAll(NOTES, authors, (f, e) -> got.add(e));
    return got;
  }

  @Test
  void readsEveryEventOfALargeRelayOnce() throws DatasetException {
    SplittableRandom r = new SplittableRandom(7);
    List<Event> stored = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      stored.add(event(i, author(r.nextInt(4)), 1_700_000_000L + r.nextInt(900)));
    }
    MemoryRelay relay = new MemoryRelay(stored);
    List<Event> got = readAll(relay, 100, Set.of());
    assertThat(new HashSet<>(got)).containsExactlyInAnyOrderElementsOf(stored);
    // About one request per page plus the re-read boundary seconds: never one per event.
    assertThat(relay.asked()).hasSizeBetween(50, 120);
    assertThat(relay.asked()).allMatch(f -> f.limit().getAsInt() == 100);
  }

  @Test
  void aSecondHoldingMoreThanAPageIsReadAuthorByAuthor() throws DatasetException {
    List<Event> stored = new ArrayList<>();
    int n = 0;
    for (int a = 4; a >= 0; a--) { // author 4 gets the lowest ids: it fills the crowded page
      for (int i = 0; i < 30; i++) {
        stored.add(event(n++, author(a), 1_700_000_500L));
      }
    }
    for (int i = 0; i < 40; i++) {
      stored.add(event(n++, author(i % 3), 1_700_000_000L + i));
      stored.add(event(n++, author(i % 3), 1_700_001_000L + i));
    }
    MemoryRelay relay = new MemoryRelay(stored);
    // author 4 is not known beforehand: it shows up in the crowded page itself
    List<Event> got = readAll(relay, 50, Set.of(author(0), author(1), author(2), author(3)));
    assertThat(new HashSet<>(got)).containsExactlyInAnyOrderElementsOf(stored);
    assertThat(relay.asked())
        .anyMatch(f -> f.authors() != null && f.since().isPresent() && f.until().isPresent());
  }

  @Test
  void oneAuthorWithAFullPageInOneSecondIsAnError() {
    List<Event> stored = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      stored.add(event(i, author(0), 1_700_000_000L));
    }
    assertThatThrownBy(() -> readAll(new MemoryRelay(stored), 50, Set.of()))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("same second");
  }

  @Test
  void aRelayIgnoringUntilIsAnErrorNotALoop() {
    List<Event> stored = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      stored.add(event(i, author(0), 1_700_000_000L + i));
    }
    EventPager.PageSource deaf =
        f ->
            stored.stream()
                .sorted(Comparator.comparingLong(Event::createdAt).reversed())
                .limit(10)
                .toList();
    assertThatThrownBy(() -> new EventPager(deaf, 10).readAll(NOTES, Set.of(), (f, e) -> {}))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("until");
  }

  @Test
  void anEmptyRelayTakesOneRequest() throws DatasetException {
    MemoryRelay relay = new MemoryRelay(List.of());
    assertThat(readAll(relay, 50, Set.of())).isEmpty();
    assertThat(relay.asked()).hasSize(1);
  }
}
