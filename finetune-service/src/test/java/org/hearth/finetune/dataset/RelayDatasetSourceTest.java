package org.hearth.finetune.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hearth.finetune.scrub.Pseudonymizer;
import org.hearth.nostr.client.RelayClient;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.nostr.nip44.Nip44;
import org.hearth.nostr.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real relay-private (child process) serving /personal and /family, both holding notes,
 * long-form, profiles and consented conversations with distinct canaries; the family dataset must
 * hold family events only, scrubbed, with consent honoured, and a stable manifest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayDatasetSourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalSigner OWNER = key(0x30);
  private static final LocalSigner PERSONAL_ASSISTANT = key(0x31);
  private static final LocalSigner FAMILY_ASSISTANT = key(0x32);
  private static final LocalSigner FINETUNE = key(0x40);
  private static final LocalSigner ROGUE_SERVICE = key(0x41);
  private static final LocalSigner ALICE = key(0x21);
  private static final LocalSigner BOB = key(0x23);
  private static final LocalSigner CAROL = key(0x24);
  private static final LocalSigner OUTSIDER = key(0x29);
  private static final int FILLERS_PER_AUTHOR = 40;

  /** Notes on /family spread over as many seconds; raise it to measure a big build. */
  private static final int SPREAD = Integer.getInteger("hearth.test.dataset.spread", 60);

  private static final int PAGE_SIZE = Integer.getInteger("hearth.test.dataset.page-size", 50);

  /** Letters only, so no scrubbing pattern can touch a canary. */
  private final String run =
      UUID.randomUUID()
          .toString()
          .replace("-", "")
          .substring(0, 10)
          .chars()
          .mapToObj(c -> String.valueOf((char) ('g' + Character.digit(c, 16))))
          .reduce("", String::concat);

  private final Map<String, String> canary = new HashMap<>();
  private final Map<String, Set<String>> published = new HashMap<>();
  private RelayDatabase db;
  private ServiceProcess relay;
  private Path dir;
  private RelayDatasetSource source;
  private Pseudonymizer pseudonymizer;
  private Dataset family;
  private long familyBuildMillis;

  private static LocalSigner key(int n) {
    return new LocalSigner(PrivateKey.fromHex("%064x".formatted(n)));
  }

  private String canary(String name) {
    return canary.computeIfAbsent(name, n -> "cnry" + n.toLowerCase() + run);
  }

  @BeforeAll
  void startRelayAndSeed() throws Exception {
    dir = Files.createTempDirectory("finetune-dataset");
    db = RelayDatabase.create();
    Map<String, String> p = new HashMap<>(db.relayProperties());
    p.put("hearth.relay.data-dir", dir.resolve("relay-data").toString());
    p.put("hearth.admin.relay-key-file", dir.resolve("relay-self.key").toString());
    p.put("hearth.relay.owner", OWNER.publicKey().hex());
    p.put("hearth.relay.members", hex(ALICE, BOB, CAROL));
    p.put("hearth.relay.relays.personal.members", hex(ALICE));
    p.put(
        "hearth.relay.services",
        hex(PERSONAL_ASSISTANT, FAMILY_ASSISTANT, FINETUNE, ROGUE_SERVICE));
    // 30970 as docs/finetune-protocol.md wants it: author and p-tagged keys only
    p.put("hearth.relay.relays.family.visibility.\"30970\"", "parties");
    p.put("hearth.relay.relays.personal.visibility.\"30970\"", "parties");
    relay = ServiceProcess.startRelay(p, dir.resolve("relay.log"));

    Path keyFile = dir.resolve("finetune.nsec");
    Files.writeString(keyFile, FINETUNE.privateKey().nsec() + "\n");
    byte[] pk = new byte[32];
    for (int i = 0; i < pk.length; i++) {
      pk[i] = (byte) (i * 7 + 3);
    }
    pseudonymizer = new Pseudonymizer(pk);
    DatasetSettings settings =
        new DatasetSettings(
            URI.create(relay.baseUrl()),
            ServiceKeyFile.read(keyFile),
            pseudonymizer,
            List.of(1, 30023),
            PAGE_SIZE,
            Duration.ofSeconds(30),
            Map.of(
                "family", FAMILY_ASSISTANT.publicKey(),
                "personal", PERSONAL_ASSISTANT.publicKey()),
            Clock.systemUTC());
    source = new RelayDatasetSource(() -> settings);

    seedPersonal();
    seedFamily();
    long t0 = System.nanoTime();
    family = source.build("family", DatasetProgress.NONE);
    familyBuildMillis = (System.nanoTime() - t0) / 1_000_000;
  }

  private void seedPersonal() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    List<Event> alice = new ArrayList<>();
    alice.add(profile(ALICE, "{\"name\":\"Zelda Zonk\"}", now - 50));
    alice.add(
        note(ALICE, "Personal diary " + canary("PNOTE") + ", mail me at z@example.org", now - 40));
    alice.add(
        ALICE.sign(
            new EventTemplate(
                30023,
                List.of(List.of("d", "diary"), List.of("title", "Diary " + canary("PTITLE"))),
                "Long personal text " + canary("PLONG"),
                now - 30)));
    publish("personal", alice);
    publish(
        "personal",
        List.of(
            conversation(
                PERSONAL_ASSISTANT,
                ALICE,
                "Personal question " + canary("PQ"),
                "Personal answer " + canary("PA"),
                now - 20),
            // the family assistant's key is a service on /personal too: not this relay's assistant
            conversation(
                FAMILY_ASSISTANT, ALICE, "Cross question " + canary("PX"), "x", now - 19)));
  }

  private void seedFamily() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    publish(
        "family",
        List.of(
            profile(ALICE, "{\"name\":\"Alice Liddell\",\"display_name\":\"Ally\"}", now - 100),
            note(
                ALICE,
                "Family note "
                    + canary("FNOTE")
                    + ": ask Bobby, mail bobby.tables@example.org or"
                    + " call +49 151 23456789. Zelda says hi.",
                now - 90),
            ALICE.sign(
                new EventTemplate(
                    30023,
                    List.of(
                        List.of("d", "soup"),
                        List.of("title", "Grandma's soup " + canary("FTITLE")),
                        List.of("summary", "Warm and simple")),
                    "Boil water. Alice adds salt. " + canary("FLONG"),
                    now - 80)),
            note(FAMILY_ASSISTANT, "The assistant's own note " + canary("FASSIST"), now - 79)));
    publish("family", List.of(profile(BOB, "{\"name\":\"Bobby Tables\"}", now - 100)));
    publish(
        "family",
        List.of(
            ALICE.sign(
                new EventTemplate(
                    1,
                    List.of(List.of("t", "soup")),
                    "Soup tonight " + canary("FSOUP"),
                    now - 70))));
    Event doomed = note(ALICE, "To be deleted " + canary("FDELETED"), now - 60);
    publish("family", List.of(doomed));
    publish("family", List.of(deletion(ALICE, List.of("e", doomed.id()), now - 59)));

    List<Event> fillers = new ArrayList<>();
    int i = 0;
    for (LocalSigner s : List.of(ALICE, BOB, CAROL)) {
      for (int k = 0; k < FILLERS_PER_AUTHOR; k++) {
        // all in one second: more than a page, so the pager has to split it by author
        fillers.add(note(s, "Filler " + (i++) + " " + canary("FFILL"), now - 500));
      }
    }
    for (int k = 0; k < SPREAD; k++) {
      fillers.add(note(BOB, "Spread " + k + " " + canary("FFILL"), now - 1000 - k));
    }
    publish("family", fillers);

    publish(
        "family",
        List.of(
            conversation(
                FAMILY_ASSISTANT,
                ALICE,
                "What did Bobby say about " + canary("FQ") + "?",
                "Bobby liked it, " + canary("FA") + ".",
                now - 50),
            conversation(FAMILY_ASSISTANT, OUTSIDER, "Outsider " + canary("FOUT"), "a", now - 49),
            conversation(ROGUE_SERVICE, BOB, "Injected " + canary("FROGUE"), "a", now - 48)));
    Event withdrawn =
        conversation(FAMILY_ASSISTANT, BOB, "Withdrawn " + canary("FWITHDRAWN"), "a", now - 47);
    publish("family", List.of(withdrawn));
    publish(
        "family",
        List.of(
            deletion(
                FAMILY_ASSISTANT,
                List.of(
                    "a",
                    "30970:" + FAMILY_ASSISTANT.publicKey().hex() + ":" + BOB.publicKey().hex()),
                now - 46)));
  }

  @AfterAll
  void stop() {
    if (relay != null) {
      relay.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void theFamilyDatasetHoldsNoEventFromPersonal() throws Exception {
    JsonNode m = JSON.readTree(family.manifestJson());
    Set<String> ids = manifestIds(m);
    Set<String> familyIds = new HashSet<>(published.get("family"));
    familyIds.addAll(relaySigned("family"));
    Set<String> personalIds = new HashSet<>(published.get("personal"));
    personalIds.addAll(relaySigned("personal"));
    assertThat(ids).isNotEmpty().isSubsetOf(familyIds).doesNotContainAnyElementsOf(personalIds);
    for (Sample s : family.samples()) {
      assertThat(s.sourceIds()).isSubsetOf(familyIds).doesNotContainAnyElementsOf(personalIds);
      String text = s.prompt() + "\n" + s.completion();
      for (var c : canary.entrySet()) {
        if (c.getKey().startsWith("P")) {
          assertThat(text).doesNotContain(c.getValue());
        }
      }
    }
    // Alice's personal profile calls her "Zelda Zonk": had it been read, "Zelda" would be gone
    assertThat(allText(family)).contains("Zelda says hi");
    assertThat(m.path("relayUrl").asText()).isEqualTo(relay.baseUrl() + "/family");
  }

  @Test
  void documentsAreScrubbedAndNamesPseudonymised() {
    String all = allText(family);
    assertThat(all)
        .contains(canary("FNOTE"), canary("FTITLE"), canary("FLONG"), canary("FSOUP"))
        .doesNotContain("bobby.tables@example.org", "23456789", "Bobby", "Alice", "Ally")
        .contains(
            "[EMAIL]",
            "[PHONE]",
            pseudonymizer.pseudonym("Bobby"),
            pseudonymizer.pseudonym("Alice"));
    Sample longForm =
        family.samples().stream()
            .filter(s -> s.completion().contains(canary("FLONG")))
            .findFirst()
            .orElseThrow();
    assertThat(longForm.prompt())
        .isEqualTo(
            "Write an article for the family household titled \"Grandma's soup "
                + canary("FTITLE")
                + "\".\nSummary: Warm and simple");
    Sample soup =
        family.samples().stream()
            .filter(s -> s.completion().contains(canary("FSOUP")))
            .findFirst()
            .orElseThrow();
    assertThat(soup.prompt()).isEqualTo("Write a note for the family household about #soup.");
    assertThat(all).doesNotContain(canary("FDELETED")).doesNotContain(canary("FASSIST"));
  }

  @Test
  void onlyConsentedConversationsOfMembersWithThisRelaysAssistantBecomeChatPairs()
      throws Exception {
    List<Sample> chats =
        family.samples().stream().filter(s -> s.kind() == Sample.Kind.CHAT).toList();
    assertThat(chats).hasSize(1);
    assertThat(chats.get(0).prompt())
        .isEqualTo(
            "What did " + pseudonymizer.pseudonym("Bobby") + " say about " + canary("FQ") + "?");
    assertThat(chats.get(0).completion()).contains(canary("FA"));
    assertThat(allText(family))
        .doesNotContain(canary("FOUT"), canary("FROGUE"), canary("FWITHDRAWN"));
    JsonNode m = JSON.readTree(family.manifestJson());
    assertThat(m.path("members").asInt()).isEqualTo(4); // owner, Alice, Bob, Carol
    assertThat(m.path("consentingMembers").asInt()).isEqualTo(1);
    assertThat(m.path("events").path("skipped").path("not-a-member").asLong())
        .as("the outsider's conversation and the assistant's note")
        .isEqualTo(2);
    assertThat(m.path("events").path("skipped").path("not-from-assistant").asLong()).isEqualTo(1);
    assertThat(m.path("eventIds").path("30970")).hasSize(1);
  }

  @Test
  void theManifestCountsAndHashesRightAndIsStable() throws Exception {
    JsonNode m = JSON.readTree(family.manifestJson());
    int fillers = 3 * FILLERS_PER_AUTHOR + SPREAD;
    assertThat(m.path("samples").path("count").asInt()).isEqualTo(family.samples().size());
    assertThat(m.path("samples").path("documents").asInt()).isEqualTo(3 + fillers);
    List<String> hashes = new ArrayList<>();
    m.path("samples").path("sha256").forEach(h -> hashes.add(h.asText()));
    assertThat(hashes)
        .containsExactlyElementsOf(family.samples().stream().map(SampleHashes::of).toList());
    assertThat(m.path("samples").path("listSha256").asText())
        .isEqualTo(SampleHashes.ofList(hashes));
    assertThat(m.path("eventIds").path("1")).hasSize(2 + fillers);
    JsonNode ev = m.path("events");
    long skipped = 0;
    for (JsonNode n : ev.path("skipped")) {
      skipped += n.asLong();
    }
    assertThat(ev.path("seen").asLong()).isEqualTo(ev.path("used").asLong() + skipped);
    assertThat(ev.path("used").asLong()).isEqualTo(manifestIds(m).size());
    assertThat(ev.path("skipped").path("bad-signature").asLong()).isZero();
    assertThat(m.path("scrub").path("EMAIL").asInt()).isEqualTo(1);
    assertThat(m.path("scrub").path("PHONE").asInt()).isEqualTo(1);
    assertThat(m.path("scrub").path("PERSON_NAME").asInt()).isGreaterThanOrEqualTo(4);

    Dataset again = source.build("family", DatasetProgress.NONE);
    assertThat(again.samples()).isEqualTo(family.samples());
    assertThat(withoutBuildTime(again.manifestJson()))
        .isEqualTo(withoutBuildTime(family.manifestJson()));
    System.out.printf(
        "family dataset: %d events seen, %d samples, first build %d ms%n",
        ev.path("seen").asLong(), family.samples().size(), familyBuildMillis);
  }

  @Test
  void thePersonalDatasetHoldsNothingFromFamily() throws Exception {
    List<String> phases = new ArrayList<>();
    Dataset personal =
        source.build(
            "personal",
            (phase, done, total) -> {
              if (phases.isEmpty() || !phases.getLast().equals(phase)) {
                phases.add(phase);
              }
            });
    assertThat(phases)
        .containsExactly(
            "connect",
            "members",
            "deletions",
            "profiles",
            "documents",
            "conversations",
            "scrub",
            "manifest");
    String all = allText(personal);
    assertThat(all).contains(canary("PNOTE"), canary("PLONG"), canary("PQ"), canary("PA"));
    assertThat(all).doesNotContain(canary("PX")); // the family assistant's 30970 on /personal
    for (var c : canary.entrySet()) {
      if (c.getKey().startsWith("F")) {
        assertThat(all).doesNotContain(c.getValue());
      }
    }
    assertThat(manifestIds(JSON.readTree(personal.manifestJson())))
        .doesNotContainAnyElementsOf(published.get("family"));
  }

  @Test
  void theTestRelayHidesConversationsFromOtherMembers() {
    // what makes the consent tests meaningful: 30970 is visible to its author and the service only
    try (RelayClient c =
        RelayClient.builder(URI.create(relay.baseUrl() + "/family"))
            .signer(BOB)
            .eagerAuth(true)
            .build()) {
      c.connectAndWait();
      Filter f = new Filter(null, null, Set.of(30970), null, null, null, null, null);
      assertThat(c.queryAndWait(List.of(f), Duration.ofSeconds(30))).isEmpty();
      Filter notes = new Filter(null, null, Set.of(1), null, null, null, null, null);
      assertThat(c.queryAndWait(List.of(notes), Duration.ofSeconds(30))).isNotEmpty();
    }
  }

  @Test
  void aRelayNameCannotReachAnotherRelay() {
    assertThatThrownBy(() -> source.build("../personal", DatasetProgress.NONE))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("relay name");
    assertThatThrownBy(() -> source.build("nosuchrelay", DatasetProgress.NONE))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("nosuchrelay");
  }

  // ---- helpers ----

  private static String allText(Dataset d) {
    StringBuilder sb = new StringBuilder();
    d.samples()
        .forEach(s -> sb.append(s.prompt()).append('\n').append(s.completion()).append('\n'));
    return sb.toString();
  }

  private static Set<String> manifestIds(JsonNode m) {
    Set<String> ids = new HashSet<>();
    m.path("eventIds").forEach(list -> list.forEach(id -> ids.add(id.asText())));
    return ids;
  }

  private static String withoutBuildTime(String manifest) {
    return manifest.replaceAll("\"builtAt\" : \"[^\"]*\"", "");
  }

  private static String hex(LocalSigner... signers) {
    return String.join(
        ",", java.util.Arrays.stream(signers).map(s -> s.publicKey().hex()).toList());
  }

  private static Event note(LocalSigner s, String text, long at) {
    return s.sign(new EventTemplate(1, List.of(), text, at));
  }

  private static Event profile(LocalSigner s, String json, long at) {
    return s.sign(new EventTemplate(0, List.of(), json, at));
  }

  private static Event deletion(LocalSigner s, List<String> ref, long at) {
    return s.sign(new EventTemplate(5, List.of(ref), "", at));
  }

  private static Event conversation(
      LocalSigner assistant, LocalSigner member, String q, String a, long at) {
    String m = member.publicKey().hex();
    String body;
    try {
      body =
          JSON.writeValueAsString(
              Map.of("member", m, "pairs", List.of(Map.of("q", q, "a", a, "at", at))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    String content = Nip44.encrypt(body, assistant.privateKey(), FINETUNE.publicKey());
    return assistant.sign(
        new EventTemplate(
            30970,
            List.of(
                List.of("d", m), List.of("p", FINETUNE.publicKey().hex()), List.of("member", m)),
            content,
            at));
  }

  /** Publishes as each event's author; every event must be accepted. */
  private void publish(String relayName, List<Event> events) throws Exception {
    Map<String, List<Event>> byAuthor = new HashMap<>();
    events.forEach(e -> byAuthor.computeIfAbsent(e.pubkey(), k -> new ArrayList<>()).add(e));
    for (var entry : byAuthor.entrySet()) {
      LocalSigner signer = signerOf(entry.getKey());
      try (RelayClient c =
          RelayClient.builder(URI.create(relay.baseUrl() + "/" + relayName))
              .signer(signer)
              .eagerAuth(true)
              .build()) {
        c.connectAndWait();
        List<Event> all = entry.getValue();
        for (int from = 0; from < all.size(); from += 500) { // below the client's maxPending
          List<Event> chunk = all.subList(from, Math.min(all.size(), from + 500));
          List<CompletableFuture<RelayMessage.Ok>> oks = new ArrayList<>();
          chunk.forEach(e -> oks.add(c.publish(e)));
          for (int i = 0; i < oks.size(); i++) {
            RelayMessage.Ok ok = oks.get(i).get(60, TimeUnit.SECONDS);
            assertThat(ok.accepted()).as(ok.message() + "\n" + relay.logTail()).isTrue();
            published.computeIfAbsent(relayName, k -> new HashSet<>()).add(chunk.get(i).id());
          }
        }
      }
    }
  }

  private static LocalSigner signerOf(String hex) {
    for (LocalSigner s :
        List.of(
            OWNER,
            PERSONAL_ASSISTANT,
            FAMILY_ASSISTANT,
            FINETUNE,
            ROGUE_SERVICE,
            ALICE,
            BOB,
            CAROL,
            OUTSIDER)) {
      if (s.publicKey().hex().equals(hex)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown key");
  }

  /** Ids of the relay-signed NIP-43 events on a relay, read by its owner. */
  private Set<String> relaySigned(String relayName) {
    try (RelayClient c =
        RelayClient.builder(URI.create(relay.baseUrl() + "/" + relayName))
            .signer(OWNER)
            .eagerAuth(true)
            .build()) {
      c.connectAndWait();
      Filter f = new Filter(null, null, Set.of(13534, 8000, 8001), null, null, null, null, null);
      Set<String> ids = new HashSet<>();
      c.queryAndWait(List.of(f), Duration.ofSeconds(30)).forEach(e -> ids.add(e.id()));
      return ids;
    }
  }

  @SuppressWarnings("unused")
  private static PublicKey pub(LocalSigner s) {
    return s.publicKey();
  }
}
