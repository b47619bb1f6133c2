package org.hearth.finetune.dataset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hearth.nostr.client.RelayClient;
import org.hearth.nostr.client.RelayClientException;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;

/**
 * Reads one relay over one authenticated connection. Every event is taken from the answer to the
 * REQ that asked for it (the client routes deliveries by subscription id on this connection) and
 * checked again here: its id and signature must verify (else it is dropped and counted as {@link
 * SkipReason#BAD_SIGNATURE}) and it must match that REQ's filter (else {@link
 * SkipReason#OFF_FILTER}). Repeats are dropped by id.
 */
final class RelayReader {
  private final RelayClient client;
  private final String relay;
  private final Duration timeout;
  private final FetchTally tally;
  private final EventPager pager;

  RelayReader(RelayClient client, String relay, int pageSize, Duration timeout, FetchTally tally) {
    this.client = client;
    this.relay = relay;
    this.timeout = timeout;
    this.tally = tally;
    this.pager = new EventPager(this::page, pageSize);
  }

  /** Every stored event matching {@code base} not seen before in this build, checked. */
  List<Event> readAll(Filter base, Set<String> knownAuthors) throws DatasetException {
    List<Event> out = new ArrayList<>();
    pager.readAll(base, knownAuthors, (filter, e) -> check(filter, e, tally, out));
    return out;
  }

  /** REQs sent so far. */
  int requests() {
    return pager.requests();
  }

  /** The check every delivered event goes through. */
  static void check(Filter filter, Event e, FetchTally tally, List<Event> out) {
    if (!e.verify()) {
      tally.dropped(e.id(), SkipReason.BAD_SIGNATURE);
      return;
    }
    if (!tally.seen(e)) {
      return;
    }
    if (!filter.matches(e)) {
      tally.skip(e, SkipReason.OFF_FILTER);
      return;
    }
    out.add(e);
  }

  private List<Event> page(Filter f) throws DatasetException {
    try {
      return client.queryAndWait(List.of(f), timeout);
    } catch (RelayClientException e) {
      throw new DatasetException("relay " + relay + " did not answer a page: " + e.getMessage(), e);
    }
  }
}
