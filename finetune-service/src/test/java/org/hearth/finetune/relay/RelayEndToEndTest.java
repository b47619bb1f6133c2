package org.hearth.finetune.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hearth.finetune.job.Job;
import org.hearth.finetune.job.JobService;
import org.hearth.finetune.job.JobState;
import org.hearth.finetune.testing.Api;
import org.hearth.finetune.testing.FinetuneTestResource;
import org.hearth.finetune.testing.RelayTestResource;
import org.hearth.finetune.testing.TestKeys;
import org.hearth.nostr.client.RelayClient;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.junit.jupiter.api.Test;

/**
 * The whole path with nothing of it replaced: an admin's 5970 on the real /family relay, the real
 * dataset builder reading that relay (and only it) as the service key, training on the tiny Llama,
 * export, registration with the Ollama double, the 6970 result on the relay. Notes on /personal
 * must not reach the job.
 */
@QuarkusTest
@WithTestResource(RelayEndToEndTest.Resource.class)
@TestProfile(RelayEndToEndTest.RealDataset.class)
class RelayEndToEndTest {

  /** The relay dataset builder instead of the fixed test dataset. */
  public static class RealDataset implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.arc.exclude-types", "org.hearth.finetune.testing.TestDatasetSource");
    }
  }

  /** The relay of {@link RelayTestResource} plus what the dataset builder needs. */
  public static class Resource extends RelayTestResource {
    @Override
    public Map<String, String> start() {
      Map<String, String> p = new HashMap<>(super.start());
      try {
        Path key = FinetuneTestResource.dataDir.resolve("keys/pseudonym.key");
        Files.createFile(
            key,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(key, "0123456789abcdef0123456789abcdef-e2e".getBytes());
        p.put("hearth.finetune.scrub.pseudonym-key-file", key.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      p.put("hearth.finetune.dataset.relay-url", relay.baseUrl());
      p.put("hearth.finetune.dataset.assistants.family", TestKeys.SERVICE.publicKey().hex());
      return p;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject JobService jobs;

  private static RelayClient client(String relay, LocalSigner who) {
    RelayClient c =
        RelayClient.builder(URI.create(RelayTestResource.relay.baseUrl() + "/" + relay))
            .signer(who)
            .eagerAuth(true)
            .build();
    c.connectAndWait();
    return c;
  }

  private static Event note(LocalSigner who, String text) {
    return who.sign(EventTemplate.of(1, List.of(), text));
  }

  @Test
  void aRequestOnTheRelayTrainsOnThatRelaysNotesOnly() throws Exception {
    List<String> familyIds = new ArrayList<>();
    String personalId;
    try (RelayClient personal = client("personal", TestKeys.ADMIN)) {
      Event secret = note(TestKeys.ADMIN, "the cat sat on the mat personal-canary-7f3a");
      assertThat(personal.publishAndWait(secret).accepted()).isTrue();
      personalId = secret.id();
    }
    try (RelayClient family = client("family", TestKeys.ADMIN);
        RelayClient member = client("family", TestKeys.STRANGER)) {
      for (String text :
          List.of("the cat sat on the mat", "the dog sat on the rug", "the cat ate the fish")) {
        Event e = note(TestKeys.ADMIN, text);
        assertThat(family.publishAndWait(e).accepted()).isTrue();
        familyIds.add(e.id());
      }
      Event byMember = note(TestKeys.STRANGER, "the fish sat on the cat");
      assertThat(member.publishAndWait(byMember).accepted()).isTrue();
      familyIds.add(byMember.id());

      Event request =
          TestKeys.ADMIN.sign(
              EventTemplate.of(JobKinds.REQUEST, List.of(List.of("param", "steps", "4")), ""));
      List<Event> seen = new CopyOnWriteArrayList<>();
      family.subscribe(
          List.of(
              new Filter(
                  null,
                  Set.of(RelayTestResource.SERVICE_KEY.publicKey().hex()),
                  Set.of(JobKinds.RESULT, JobKinds.FEEDBACK),
                  Map.of("e", Set.of(request.id())),
                  OptionalLong.empty(),
                  null,
                  null,
                  null)),
          seen::add);
      assertThat(family.publishAndWait(request).accepted()).isTrue();

      List<Event> events =
          Api.await(
              () -> seen,
              s ->
                  s.stream()
                      .anyMatch(
                          e ->
                              e.kind() == JobKinds.RESULT
                                  || e.tags().stream()
                                      .anyMatch(
                                          t ->
                                              t.size() > 1 && t.equals(List.of("status", "error"))
                                                  || (t.size() > 2
                                                      && t.get(0).equals("status")
                                                      && t.get(1).equals("error")))));
      Job job =
          jobs.list(Optional.of("family")).stream()
              .filter(j -> j.requestEventId().equals(Optional.of(request.id())))
              .findFirst()
              .orElseThrow();
      assertThat(job.state()).as("job error: %s", job.error()).isEqualTo(JobState.SUCCEEDED);
      Event result =
          events.stream().filter(e -> e.kind() == JobKinds.RESULT).findFirst().orElseThrow();
      assertThat(result.firstTagValue("model")).contains("hearth-family");

      JsonNode manifest = JSON.readTree(Path.of(job.manifestPath().orElseThrow()).toFile());
      assertThat(manifest.path("relay").asText()).isEqualTo("family");
      Set<String> noteIds = new HashSet<>();
      manifest.path("eventIds").path("1").forEach(n -> noteIds.add(n.asText()));
      assertThat(noteIds).containsExactlyInAnyOrderElementsOf(familyIds);
      assertThat(manifest.toString()).doesNotContain(personalId);
      assertThat(manifest.path("samples").path("documents").asInt()).isEqualTo(4);
      assertThat(Files.readString(Path.of(job.reportPath().orElseThrow())))
          .contains("family")
          .doesNotContain("personal-canary-7f3a");

      assertThat(FinetuneTestResource.ollama.creates)
          .anyMatch(c -> c.toString().contains("hearth-family"));
    }
  }
}
