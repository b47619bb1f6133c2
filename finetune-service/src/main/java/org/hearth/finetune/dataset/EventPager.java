package org.hearth.finetune.dataset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;

/**
 * Reads every stored event matching a filter, page by page, however many there are.
 *
 * <p>Relays return the newest {@code limit} events ({@code created_at} descending). Each page asks
 * for events up to ({@code until}, inclusive) the oldest second of the previous page, so that
 * second is read again in full (its events arrive twice; the sink drops repeats by id). A page
 * shorter than the page size is the last one. A full page that lies entirely in one second cannot
 * be continued with {@code until}: that second is then read author by author (the relay's member
 * list plus the authors seen), splitting groups of authors until each answer fits in a page, and
 * paging goes on below it. A single author with a full page in one second is an error, as is a
 * relay that ignores {@code until}.
 */
final class EventPager {
  /** One REQ, answered with the stored events up to EOSE. */
  @FunctionalInterface
  interface PageSource {
    List<Event> fetch(Filter filter) throws DatasetException;
  }

  /** Receives every event delivered, with the filter it was asked for. */
  @FunctionalInterface
  interface Sink {
    void accept(Filter filter, Event event);
  }

  private static final int AUTHORS_PER_FILTER = 64;

  private final PageSource source;
  private final int pageSize;
  private int requests;

  EventPager(PageSource source, int pageSize) {
    if (pageSize < 2) {
      throw new IllegalArgumentException("pageSize must be at least 2");
    }
    this.source = source;
    this.pageSize = pageSize;
  }

  /** REQs sent so far. */
  int requests() {
    return requests;
  }

  /**
   * Delivers every stored event matching {@code base} (its own since/until/limit are ignored but
   * {@code since} is kept) to {@code sink}.
   *
   * @param knownAuthors authors to split a crowded second by (besides those seen in it)
   */
  void readAll(Filter base, Set<String> knownAuthors, Sink sink) throws DatasetException {
    OptionalLong until = OptionalLong.empty();
    while (true) {
      Filter f = window(base, base.authors(), base.since(), until);
      List<Event> page = fetch(f, sink);
      if (page.size() < pageSize) {
        return;
      }
      long oldest = Long.MAX_VALUE;
      long newest = Long.MIN_VALUE;
      for (Event e : page) {
        oldest = Math.min(oldest, e.createdAt());
        newest = Math.max(newest, e.createdAt());
      }
      if (until.isPresent() && newest > until.getAsLong()) {
        throw new DatasetException("the relay ignores 'until': its events cannot be paged");
      }
      if (oldest == newest) {
        Set<String> authors = new TreeSet<>(knownAuthors);
        page.forEach(e -> authors.add(e.pubkey()));
        if (base.authors() != null) {
          authors.retainAll(base.authors());
        }
        readSecond(base, oldest, new ArrayList<>(authors), sink);
        if (oldest == 0 || (base.since().isPresent() && oldest <= base.since().getAsLong())) {
          return;
        }
        until = OptionalLong.of(oldest - 1);
      } else {
        until = OptionalLong.of(oldest);
      }
    }
  }

  private void readSecond(Filter base, long second, List<String> authors, Sink sink)
      throws DatasetException {
    for (int i = 0; i < authors.size(); i += AUTHORS_PER_FILTER) {
      readGroup(
          base, second, authors.subList(i, Math.min(authors.size(), i + AUTHORS_PER_FILTER)), sink);
    }
  }

  private void readGroup(Filter base, long second, List<String> group, Sink sink)
      throws DatasetException {
    OptionalLong at = OptionalLong.of(second);
    List<Event> page = fetch(window(base, new HashSet<>(group), at, at), sink);
    if (page.size() < pageSize) {
      return;
    }
    if (group.size() == 1) {
      throw new DatasetException(
          "one author has "
              + pageSize
              + " or more events in the same second ("
              + second
              + "): they cannot be paged; raise the relay's max_limit");
    }
    int half = group.size() / 2;
    readGroup(base, second, group.subList(0, half), sink);
    readGroup(base, second, group.subList(half, group.size()), sink);
  }

  private List<Event> fetch(Filter f, Sink sink) throws DatasetException {
    requests++;
    List<Event> page = source.fetch(f);
    for (Event e : page) {
      sink.accept(f, e);
    }
    return page;
  }

  private Filter window(Filter base, Set<String> authors, OptionalLong since, OptionalLong until) {
    return new Filter(
        base.ids(),
        authors,
        base.kinds(),
        base.tags(),
        since,
        until,
        OptionalInt.of(pageSize),
        base.search());
  }
}
