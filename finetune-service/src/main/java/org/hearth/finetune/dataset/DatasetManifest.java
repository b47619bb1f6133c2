package org.hearth.finetune.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hearth.finetune.scrub.PiiCategory;
import org.hearth.finetune.scrub.ScrubStats;

/**
 * The manifest of one dataset, as JSON with a fixed field order: the same relay content gives the
 * same document, byte for byte, except {@code builtAt}.
 *
 * <pre>{@code
 * {"format": 1, "relay": "family", "relayUrl": "ws://…/family", "builtAt": "2026-…Z",
 *  "servicePubkey": hex, "relaySelf": hex, "assistantPubkey": hex | null,
 *  "members": 3, "consentingMembers": 1,
 *  "events": {"seen": 42, "used": 30, "skipped": {"bad-signature": 0, …}},
 *  "eventIds": {"0": [sorted ids], "1": […], "5": […], "13534": […], "30023": […], "30970": […]},
 *  "samples": {"count": 25, "documents": 20, "chats": 5, "chatPairs": 5,
 *              "sha256": [per sample, in sample order], "listSha256": hex},
 *  "scrub": {"NWC_URI": 0, …, "PERSON_NAME": 7, "total": 9}}
 * }</pre>
 *
 * Event ids are those of the events used (documents and conversations that gave a sample, the
 * member list, the profiles names came from, the deletions applied); every other event seen is
 * counted under its skip reason, so {@code seen = used + sum(skipped)}. Hashes: see {@link
 * SampleHashes}.
 */
final class DatasetManifest {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What the manifest records besides the samples and the tally. */
  record Facts(
      String relay,
      String relayUrl,
      Instant builtAt,
      String servicePubkey,
      String relaySelf,
      Optional<String> assistantPubkey,
      int members,
      int consentingMembers,
      long chatPairs) {}

  private DatasetManifest() {}

  static String write(Facts f, FetchTally tally, List<Sample> samples, ScrubStats scrub) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("relay", f.relay());
    doc.put("relayUrl", f.relayUrl());
    doc.put("builtAt", f.builtAt().toString());
    doc.put("servicePubkey", f.servicePubkey());
    doc.put("relaySelf", f.relaySelf());
    doc.put("assistantPubkey", f.assistantPubkey().orElse(null));
    doc.put("members", f.members());
    doc.put("consentingMembers", f.consentingMembers());

    Map<String, Object> events = new LinkedHashMap<>();
    events.put("seen", tally.seenCount());
    events.put("used", tally.usedCount());
    Map<String, Long> skipped = new LinkedHashMap<>();
    tally.skippedCounts().forEach((r, n) -> skipped.put(r.key(), n));
    events.put("skipped", skipped);
    doc.put("events", events);

    Map<String, Object> ids = new LinkedHashMap<>();
    new TreeMap<>(tally.usedIds())
        .forEach((kind, set) -> ids.put(kind.toString(), List.copyOf(set)));
    doc.put("eventIds", ids);

    List<String> hashes = new ArrayList<>(samples.size());
    samples.forEach(s -> hashes.add(SampleHashes.of(s)));
    Map<String, Object> sm = new LinkedHashMap<>();
    sm.put("count", samples.size());
    sm.put("documents", samples.stream().filter(s -> s.kind() == Sample.Kind.DOCUMENT).count());
    sm.put("chats", samples.stream().filter(s -> s.kind() == Sample.Kind.CHAT).count());
    sm.put("chatPairs", f.chatPairs());
    sm.put("sha256", hashes);
    sm.put("listSha256", SampleHashes.ofList(hashes));
    doc.put("samples", sm);

    Map<String, Object> sc = new LinkedHashMap<>();
    EnumMap<PiiCategory, Integer> all = new EnumMap<>(PiiCategory.class);
    for (PiiCategory c : PiiCategory.values()) {
      all.put(c, scrub.count(c));
    }
    all.forEach((c, n) -> sc.put(c.name(), n));
    sc.put("total", scrub.total());
    doc.put("scrub", sc);
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a manifest is always serialisable", e);
    }
  }
}
