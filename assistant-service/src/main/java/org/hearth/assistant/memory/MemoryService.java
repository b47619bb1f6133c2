package org.hearth.assistant.memory;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.db.Database;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.KindClass;
import org.jboss.logging.Logger;

/**
 * Each assistant's long-term memory: the followed notes of its own relay, searchable by full text,
 * recency and (when Ollama embeds) meaning. All methods take the relay: one assistant's memory
 * never answers for another.
 */
@ApplicationScoped
public class MemoryService {
  private static final Logger LOG = Logger.getLogger(MemoryService.class);
  private static final int KIND_DELETION = 5;

  private final MemoryRepository repo;
  private final Embedder embedder;
  private final Clock clock;
  private final AssistantConfig.Memory config;

  public MemoryService(Database db, Embedder embedder, Clock clock, AssistantConfig config) {
    this.repo = new MemoryRepository(db.dataSource(), config.memory().textSearchConfig());
    this.embedder = embedder;
    this.clock = clock;
    this.config = config.memory();
  }

  /** Offers an event seen on the scope's relay to the scope's memory. */
  public IngestResult ingest(ScopeSettings scope, Event e) {
    if (!e.verify()) {
      LOG.debugf("[%s] ignoring event with a bad id or signature", scope.relay());
      return IngestResult.INVALID;
    }
    String relay = scope.relay();
    if (e.kind() == KIND_DELETION) {
      return applyDeletion(relay, e);
    }
    if (!scope.followedKinds().contains(e.kind())) {
      return IngestResult.NOT_FOLLOWED;
    }
    long now = clock.instant().getEpochSecond();
    Long expiresAt = expiration(e);
    String address = address(e);
    if (expiresAt != null && expiresAt <= now) {
      return IngestResult.EXPIRED;
    }
    if (repo.isDeleted(relay, e.id(), address, e.pubkey(), e.createdAt())) {
      return IngestResult.DELETED;
    }
    if (repo.exists(relay, e.id())) {
      return IngestResult.UNCHANGED;
    }
    String text = NoteText.of(e, config.maxNoteChars());
    if (text.isEmpty()) {
      return IngestResult.INVALID;
    }
    float[] embedding = embedder.embed(text).orElse(null);
    boolean stored =
        repo.upsert(
            relay,
            new MemoryRepository.Row(
                e.id(), e.pubkey(), e.kind(), address, e.createdAt(), expiresAt, text, embedding));
    return stored ? IngestResult.STORED : IngestResult.UNCHANGED;
  }

  private IngestResult applyDeletion(String relay, Event e) {
    int removed = 0;
    for (String id : e.tagValues("e")) {
      removed += repo.delete(relay, id, e.pubkey(), e.createdAt(), false);
    }
    for (String a : e.tagValues("a")) {
      String[] parts = a.split(":", 3);
      // Only the author of an address may delete it.
      if (parts.length == 3 && parts[1].equals(e.pubkey())) {
        removed += repo.delete(relay, a, e.pubkey(), e.createdAt(), true);
      }
    }
    LOG.debugf("[%s] deletion request removed %d note(s)", relay, removed);
    return IngestResult.DELETION_APPLIED;
  }

  /** Removes expired notes of a relay; returns how many. */
  public int purgeExpired(String relay) {
    return repo.purgeExpired(relay, clock.instant().getEpochSecond());
  }

  /**
   * Embeds up to {@code batch} notes that were stored without an embedding; stops at the first
   * failure (Ollama still away). Returns how many were embedded.
   */
  public int backfillEmbeddings(String relay, int batch) {
    int done = 0;
    for (MemoryNote n : repo.withoutEmbedding(relay, clock.instant().getEpochSecond(), batch)) {
      Optional<float[]> v = embedder.embed(n.content());
      if (v.isEmpty()) {
        break;
      }
      repo.setEmbedding(relay, n.eventId(), v.get());
      done++;
    }
    return done;
  }

  /**
   * Where the memory subscription of a relay resumes: the newest remembered event's {@code
   * created_at} (never later than now) minus the configured margin; empty when nothing is
   * remembered yet (read everything).
   */
  public OptionalLong resumeSince(String relay) {
    OptionalLong newest = repo.newest(relay);
    if (newest.isEmpty()) {
      return OptionalLong.empty();
    }
    long capped = Math.min(newest.getAsLong(), clock.instant().getEpochSecond());
    return OptionalLong.of(Math.max(0, capped - config.resumeMargin().toSeconds()));
  }

  public long count(String relay) {
    return repo.count(relay);
  }

  /** The notes of {@code relay} most relevant to {@code question}, best first. */
  public List<MemoryNote> search(String relay, String question, int limit) {
    Optional<float[]> q = question.isBlank() ? Optional.empty() : embedder.embed(question);
    return search(relay, question, limit, () -> q);
  }

  /**
   * Like {@link #search(String, String, int)}, with the question's embedding computed elsewhere
   * (for example concurrently, while the full-text search runs): {@code embedding} is asked for
   * only after the full-text search.
   */
  public List<MemoryNote> search(
      String relay, String question, int limit, Supplier<Optional<float[]>> embedding) {
    long now = clock.instant().getEpochSecond();
    double halfLife = config.recencyHalfLifeDays() * 86400.0;
    Map<String, MemoryNote> byId = new HashMap<>();
    Map<String, Double> score = new HashMap<>();
    String terms = SearchTerms.orQuery(question);
    if (!terms.isEmpty()) {
      List<MemoryNote> text = repo.searchText(relay, terms, now, halfLife, limit * 4);
      double best = text.stream().mapToDouble(MemoryNote::score).max().orElse(1);
      for (MemoryNote n : text) {
        byId.put(n.eventId(), n);
        score.merge(n.eventId(), 0.5 * n.score() / (best == 0 ? 1 : best), Double::sum);
      }
    }
    Optional<float[]> q = embedding.get();
    if (q.isPresent()) {
      for (MemoryRepository.Embedded c :
          repo.recentWithEmbeddings(relay, now, config.embeddingCandidates())) {
        double cos = Similarity.cosine(q.get(), c.embedding());
        if (cos < config.minSimilarity()) {
          continue;
        }
        double age = Math.max(0, now - c.note().createdAt());
        double recency = 0.5 + 0.5 * Math.pow(0.5, age / halfLife);
        byId.putIfAbsent(c.note().eventId(), c.note());
        score.merge(c.note().eventId(), 0.5 * cos * recency, Double::sum);
      }
    }
    List<MemoryNote> out = new ArrayList<>();
    score.forEach((id, s) -> out.add(byId.get(id).withScore(s)));
    out.sort(
        Comparator.comparingDouble(MemoryNote::score)
            .reversed()
            .thenComparing(Comparator.comparingLong(MemoryNote::createdAt).reversed()));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
  }

  /** The newest notes of a relay. */
  public List<MemoryNote> recent(String relay, int limit) {
    return repo.recent(relay, clock.instant().getEpochSecond(), limit);
  }

  private static String address(Event e) {
    return switch (KindClass.of(e.kind())) {
      case REPLACEABLE -> e.kind() + ":" + e.pubkey() + ":";
      case ADDRESSABLE -> e.kind() + ":" + e.pubkey() + ":" + e.dTag();
      case REGULAR, EPHEMERAL -> null;
    };
  }

  private static Long expiration(Event e) {
    return e.firstTagValue("expiration")
        .map(
            v -> {
              try {
                return Long.parseLong(v.strip());
              } catch (NumberFormatException ex) {
                return null;
              }
            })
        .orElse(null);
  }
}
