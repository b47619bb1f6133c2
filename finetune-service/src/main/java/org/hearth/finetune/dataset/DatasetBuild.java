package org.hearth.finetune.dataset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hearth.finetune.scrub.ScrubResult;
import org.hearth.finetune.scrub.ScrubStats;
import org.hearth.finetune.scrub.Scrubber;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.KindClass;
import org.hearth.nostr.filter.Filter;
import org.jboss.logging.Logger;

/**
 * One dataset build over one relay connection, phase by phase: the relay's member list (kind 13534
 * by its NIP-11 {@code self}), deletions (5), the people's profiles (0), documents, then consented
 * conversations (30970 addressed to this service). Documents count only when a person on the member
 * list wrote them (the household's own words: not the assistant's, not a departed member's). Every
 * text is scrubbed with the people's names pseudonymised.
 */
final class DatasetBuild {
  private static final Logger LOG = Logger.getLogger(DatasetBuild.class);
  private static final int PROFILE_AUTHORS_PER_FILTER = 256;
  private static final Comparator<Event> OLDEST_FIRST =
      Comparator.comparingLong(Event::createdAt).thenComparing(Event::id);

  private final DatasetSettings settings;
  private final RelayAddress address;
  private final RelayInfo info;
  private final RelayReader reader;
  private final FetchTally tally;
  private final DatasetProgress progress;
  private final DeletionIndex deletions = new DeletionIndex();
  private long now;

  DatasetBuild(
      DatasetSettings settings,
      RelayAddress address,
      RelayInfo info,
      RelayReader reader,
      FetchTally tally,
      DatasetProgress progress) {
    this.settings = settings;
    this.address = address;
    this.info = info;
    this.reader = reader;
    this.tally = tally;
    this.progress = progress;
  }

  Dataset run() throws DatasetException {
    long startedNanos = System.nanoTime();
    Instant started = settings.clock().instant();
    now = started.getEpochSecond();
    String relay = address.relay();

    MemberRoster roster = memberList();
    progress.report("members", 1, 1);

    List<Event> dels =
        reader.readAll(filter(List.of(DeletionIndex.KIND), Map.of()), roster.listed());
    dels.forEach(deletions::add);
    dels.forEach(tally::use);
    progress.report("deletions", dels.size(), dels.size());

    Set<String> names = profileNames(roster);
    progress.report("profiles", names.size(), names.size());

    List<Event> docs =
        newest(usable(reader.readAll(filter(settings.documentKinds(), Map.of()), roster.listed())));
    progress.report("documents", docs.size(), -1);

    String service = settings.serviceKey().publicKey().hex();
    List<Event> chats =
        newest(
            usable(
                reader.readAll(
                    filter(List.of(ConsentedChats.KIND), Map.of("p", Set.of(service))),
                    roster.listed())));
    progress.report("conversations", chats.size(), -1);

    long fetched = System.nanoTime();
    Scrubber scrubber = new Scrubber(names, settings.pseudonymizer());
    List<Sample> samples = new ArrayList<>();
    ScrubStats stats = ScrubStats.empty();
    long total = docs.size() + chats.size();
    long done = 0;
    for (Event e : docs) {
      progress.report("scrub", ++done, total);
      if (!roster.people().contains(e.pubkey())) {
        tally.skip(e, SkipReason.NOT_A_MEMBER);
        continue;
      }
      Optional<String[]> framed = DocumentFraming.frame(e, relay);
      if (framed.isEmpty()) {
        tally.skip(e, SkipReason.EMPTY);
        continue;
      }
      ScrubResult p = scrubber.scrub(framed.get()[0]);
      ScrubResult c = scrubber.scrub(framed.get()[1]);
      if (c.text().isBlank()) {
        tally.skip(e, SkipReason.EMPTY);
        continue;
      }
      stats = stats.plus(p.stats()).plus(c.stats());
      samples.add(new Sample(Sample.Kind.DOCUMENT, p.text(), c.text().strip(), List.of(e.id())));
      tally.use(e);
    }

    Optional<PublicKey> assistant = Optional.ofNullable(settings.assistants().get(relay));
    ConsentedChats consented =
        new ConsentedChats(settings.serviceKey(), assistant, roster.people());
    Set<String> consenting = new TreeSet<>();
    long pairs = 0;
    List<Event> chatsByMember =
        chats.stream()
            .sorted(
                Comparator.comparing((Event e) -> e.firstTagValue("member").orElse(""))
                    .thenComparing(Event::id))
            .toList();
    for (Event e : chatsByMember) {
      progress.report("scrub", ++done, total);
      switch (consented.read(e)) {
        case ConsentedChats.Skipped s -> tally.skip(e, s.reason());
        case ConsentedChats.Pairs ps -> {
          int before = samples.size();
          for (ConsentedChats.ChatPair pair : ps.pairs()) {
            pairs++;
            ScrubResult q = scrubber.scrub(pair.question().strip());
            ScrubResult a = scrubber.scrub(pair.answer().strip());
            if (q.text().isBlank() || a.text().isBlank()) {
              continue;
            }
            stats = stats.plus(q.stats()).plus(a.stats());
            samples.add(new Sample(Sample.Kind.CHAT, q.text(), a.text(), List.of(e.id())));
          }
          if (samples.size() > before) {
            tally.use(e);
            consenting.add(ps.member());
          } else {
            tally.skip(e, SkipReason.EMPTY);
          }
        }
      }
    }
    if (tally.unaccounted() != 0) {
      throw new IllegalStateException(tally.unaccounted() + " events neither used nor skipped");
    }
    if (samples.isEmpty()) {
      throw new DatasetException(
          "relay " + relay + " holds nothing to train on (" + tally.seenCount() + " events seen)");
    }
    DatasetManifest.Facts facts =
        new DatasetManifest.Facts(
            relay,
            address.websocket().toString(),
            started,
            service,
            info.self(),
            assistant.map(PublicKey::hex),
            roster.people().size(),
            consenting.size(),
            pairs);
    String manifest = DatasetManifest.write(facts, tally, samples, stats);
    progress.report("manifest", 1, 1);
    LOG.infof(
        "dataset of /%s: %d samples from %d events (%d seen, %d REQs, %d replacements;"
            + " fetch %d ms, scrub and manifest %d ms)",
        relay,
        samples.size(),
        tally.usedCount(),
        tally.seenCount(),
        reader.requests(),
        stats.total(),
        (fetched - startedNanos) / 1_000_000,
        (System.nanoTime() - fetched) / 1_000_000);
    return new Dataset(relay, samples, manifest);
  }

  /** The newest member list signed by the relay's own key. */
  private MemberRoster memberList() throws DatasetException {
    Filter f =
        new Filter(
            null, Set.of(info.self()), Set.of(MemberRoster.KIND), null, null, null, null, null);
    List<Event> lists = usable(reader.readAll(f, Set.of(info.self())));
    if (lists.isEmpty()) {
      throw new DatasetException(
          "relay "
              + address.relay()
              + " publishes no NIP-43 member list signed by its own key: its people are unknown");
    }
    Event list = lists.get(0);
    for (Event e : lists) {
      if (newer(e, list)) {
        list = e;
      }
    }
    for (Event e : lists) {
      if (e != list) {
        tally.skip(e, SkipReason.SUPERSEDED);
      }
    }
    tally.use(list);
    return MemberRoster.of(list);
  }

  /** The names of the people, from their newest profiles. */
  private Set<String> profileNames(MemberRoster roster) throws DatasetException {
    List<String> people = new ArrayList<>(new TreeSet<>(roster.people()));
    List<Event> profiles = new ArrayList<>();
    for (int i = 0; i < people.size(); i += PROFILE_AUTHORS_PER_FILTER) {
      Set<String> chunk =
          new LinkedHashSet<>(
              people.subList(i, Math.min(people.size(), i + PROFILE_AUTHORS_PER_FILTER)));
      profiles.addAll(
          reader.readAll(new Filter(null, chunk, Set.of(0), null, null, null, null, null), chunk));
    }
    Set<String> names = new TreeSet<>();
    for (Event p : newest(usable(profiles))) {
      names.addAll(ProfileNames.of(p));
      tally.use(p);
    }
    return names;
  }

  /** Drops (and counts) deleted and expired events. */
  private List<Event> usable(List<Event> events) {
    List<Event> out = new ArrayList<>(events.size());
    for (Event e : events) {
      if (deletions.deletes(e)) {
        tally.skip(e, SkipReason.DELETED);
      } else if (DeletionIndex.expired(e, now)) {
        tally.skip(e, SkipReason.EXPIRED);
      } else {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Keeps the newest version of each replaceable or addressable event (ties: lowest id), counting
   * older ones as superseded; regular events all stay. Returns them oldest first.
   */
  private List<Event> newest(List<Event> events) {
    Map<String, Event> latest = new HashMap<>();
    List<Event> out = new ArrayList<>();
    for (Event e : events) {
      KindClass k = e.kindClass();
      if (k != KindClass.REPLACEABLE && k != KindClass.ADDRESSABLE) {
        out.add(e);
        continue;
      }
      String addr =
          e.kind() + ":" + e.pubkey() + ":" + (k == KindClass.ADDRESSABLE ? e.dTag() : "");
      Event prev = latest.get(addr);
      if (prev == null) {
        latest.put(addr, e);
      } else if (newer(e, prev)) {
        tally.skip(prev, SkipReason.SUPERSEDED);
        latest.put(addr, e);
      } else {
        tally.skip(e, SkipReason.SUPERSEDED);
      }
    }
    out.addAll(latest.values());
    out.sort(OLDEST_FIRST);
    return out;
  }

  private static boolean newer(Event a, Event b) {
    return a.createdAt() != b.createdAt()
        ? a.createdAt() > b.createdAt()
        : a.id().compareTo(b.id()) < 0;
  }

  private Filter filter(List<Integer> kinds, Map<String, Set<String>> tags) {
    return new Filter(null, null, Set.copyOf(kinds), tags, null, null, null, null);
  }
}
