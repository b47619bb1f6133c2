package org.hearth.nostr.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.filter.FilterJson;
import org.hearth.nostr.testkit.NodeScript;
import org.junit.jupiter.api.Test;

/**
 * {@link Filter#matches} agrees with nostr-tools' matchFilter on a corpus of events and filters.
 */
class FilterInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TAG_VALUES = List.of("a", "b", "nostr", "\u00e9t\u00e9", "");
  private static final List<String> TAG_NAMES = List.of("t", "e", "p", "d", "T");

  private final Random random = new Random(20261126);
  private final List<LocalSigner> authors =
      List.of(LocalSigner.generate(), LocalSigner.generate(), LocalSigner.generate());

  private List<Event> corpus() {
    List<Event> events = new ArrayList<>();
    int[] kinds = {0, 1, 3, 7, 1984, 10002, 20001, 30023};
    for (int i = 0; i < 48; i++) {
      List<List<String>> tags = new ArrayList<>();
      int n = random.nextInt(4);
      for (int t = 0; t < n; t++) {
        String name = pick(TAG_NAMES);
        tags.add(random.nextInt(6) == 0 ? List.of(name) : List.of(name, pick(TAG_VALUES), "x"));
      }
      var template =
          new EventTemplate(kinds[i % kinds.length], tags, "e" + i, 1000 + random.nextInt(20));
      events.add(authors.get(i % authors.size()).sign(template));
    }
    return events;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private <T> Set<T> some(List<T> values, T absent) {
    Set<T> out = new HashSet<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.add(random.nextInt(5) == 0 ? absent : pick(values));
    }
    return out;
  }

  private Filter randomFilter(List<Event> events) {
    List<String> ids = events.stream().map(Event::id).toList();
    List<String> pubkeys = authors.stream().map(a -> a.publicKey().hex()).toList();
    Map<String, Set<String>> tags = new HashMap<>();
    if (random.nextBoolean()) {
      tags.put(pick(TAG_NAMES), some(TAG_VALUES, "missing"));
    }
    if (random.nextInt(4) == 0) {
      tags.put(pick(TAG_NAMES), some(TAG_VALUES, "missing"));
    }
    return new Filter(
        random.nextInt(4) == 0 ? some(ids, "f".repeat(64)) : null,
        random.nextInt(3) == 0 ? some(pubkeys, "0".repeat(64)) : null,
        random.nextInt(3) == 0 ? some(List.of(0, 1, 3, 7, 10002, 30023), 5) : null,
        tags,
        random.nextInt(3) == 0 ? OptionalLong.of(995 + random.nextInt(30)) : null,
        random.nextInt(3) == 0 ? OptionalLong.of(995 + random.nextInt(30)) : null,
        random.nextInt(4) == 0 ? OptionalInt.of(random.nextInt(10)) : null,
        Optional.empty());
  }

  private static boolean[][] nostrTools(List<Event> events, List<Filter> filters) throws Exception {
    StringBuilder req = new StringBuilder("{\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      req.append(i > 0 ? "," : "").append(events.get(i).toJson());
    }
    req.append("],\"filters\":[");
    for (int i = 0; i < filters.size(); i++) {
      req.append(i > 0 ? "," : "").append(FilterJson.write(filters.get(i)));
    }
    JsonNode matrix =
        JSON.readTree(NodeScript.exchange("core-filters.mjs", req.append("]}").toString()));
    boolean[][] out = new boolean[filters.size()][events.size()];
    for (int f = 0; f < filters.size(); f++) {
      for (int e = 0; e < events.size(); e++) {
        out[f][e] = matrix.get(f).get(e).asBoolean();
      }
    }
    return out;
  }

  @Test
  void matchesAgreeWithNostrTools() throws Exception {
    List<Event> events = corpus();
    List<Filter> filters = new ArrayList<>();
    filters.add(Filter.all());
    filters.add(FilterJson.parse("{\"kinds\":[]}"));
    filters.add(FilterJson.parse("{\"#t\":[]}"));
    filters.add(FilterJson.parse("{\"since\":0}"));
    filters.add(FilterJson.parse("{\"since\":1005,\"until\":1005}"));
    filters.add(
        FilterJson.parse("{\"authors\":[\"" + events.get(0).pubkey() + "\"],\"#T\":[\"a\"]}"));
    filters.add(FilterJson.parse("{\"ids\":[\"" + events.get(5).id() + "\"],\"limit\":0}"));
    for (int i = 0; i < 300; i++) {
      filters.add(randomFilter(events));
    }
    boolean[][] expected = nostrTools(events, filters);
    int matches = 0;
    for (int f = 0; f < filters.size(); f++) {
      for (int e = 0; e < events.size(); e++) {
        boolean java = filters.get(f).matches(events.get(e));
        assertThat(java)
            .as("filter %s on event %s", FilterJson.write(filters.get(f)), events.get(e).toJson())
            .isEqualTo(expected[f][e]);
        matches += java ? 1 : 0;
      }
    }
    int cells = filters.size() * events.size();
    assertThat(matches)
        .as("the corpus exercises both outcomes")
        .isBetween(cells / 20, cells - cells / 20);
  }

  /**
   * The one known difference: nostr-tools tests {@code filter.until} for truthiness, so {@code
   * "until":0} is ignored there. NIP-01 says until is an upper bound; nostr-core follows NIP-01.
   */
  @Test
  void untilZeroIsAnUpperBoundHereButIgnoredByNostrTools() throws Exception {
    Event e = authors.get(0).sign(new EventTemplate(1, List.of(), "x", 5));
    Filter untilZero = FilterJson.parse("{\"until\":0}");
    assertThat(untilZero.matches(e)).isFalse();
    assertThat(nostrTools(List.of(e), List.of(untilZero))[0][0]).isTrue();
  }
}
