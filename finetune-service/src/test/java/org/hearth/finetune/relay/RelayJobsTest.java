package org.hearth.finetune.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
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
import org.hearth.finetune.testing.RelayTestResource;
import org.hearth.finetune.testing.TestKeys;
import org.hearth.nostr.client.RelayClient;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.RelayMessage;
import org.junit.jupiter.api.Test;

/**
 * Job requests and their feedback over a real relay-private: 5970 in, 7000 and 6970 out, as the
 * wire contract says (docs/finetune-protocol.md).
 */
@QuarkusTest
@WithTestResource(RelayTestResource.class)
class RelayJobsTest {
  @Inject JobService jobs;
  @Inject JobRequestListener listener;

  private static RelayClient client(LocalSigner who) {
    RelayClient c =
        RelayClient.builder(URI.create(RelayTestResource.relay.baseUrl() + "/family"))
            .signer(who)
            .eagerAuth(true)
            .build();
    c.connectAndWait();
    return c;
  }

  private static Event request(LocalSigner who, List<List<String>> tags) {
    return who.sign(EventTemplate.of(JobKinds.REQUEST, tags, ""));
  }

  /** Collects the service's 7000/6970 events about one request. */
  private static List<Event> watch(RelayClient c, String requestId) {
    List<Event> seen = new CopyOnWriteArrayList<>();
    Filter f =
        new Filter(
            null,
            Set.of(RelayTestResource.SERVICE_KEY.publicKey().hex()),
            Set.of(JobKinds.FEEDBACK, JobKinds.RESULT),
            Map.of("e", Set.of(requestId)),
            OptionalLong.empty(),
            null,
            null,
            null);
    c.subscribe(List.of(f), seen::add);
    return seen;
  }

  private static List<String> statuses(List<Event> events) {
    return events.stream()
        .filter(e -> e.kind() == JobKinds.FEEDBACK)
        .map(
            e ->
                e.tags().stream()
                    .filter(t -> t.get(0).equals("status"))
                    .findFirst()
                    .orElseThrow()
                    .get(1))
        .toList();
  }

  @Test
  void anAdminsRequestEventRunsAJobWithFeedbackAndAResult() {
    try (RelayClient admin = client(TestKeys.ADMIN)) {
      Event req =
          request(
              TestKeys.ADMIN,
              List.of(
                  List.of("param", "steps", "6"),
                  List.of("p", RelayTestResource.SERVICE_KEY.publicKey().hex())));
      List<Event> seen = watch(admin, req.id());
      RelayMessage.Ok ok = admin.publishAndWait(req);
      assertThat(ok.accepted()).as(ok.message()).isTrue();

      Job job =
          Api.await(
                  () ->
                      jobs.list(Optional.of("family")).stream()
                          .filter(j -> j.requestEventId().equals(Optional.of(req.id())))
                          .findFirst(),
                  Optional::isPresent)
              .orElseThrow();
      assertThat(job.requestedBy()).isEqualTo(TestKeys.ADMIN.publicKey().hex());
      assertThat(job.totalSteps()).isEqualTo(6);

      List<Event> all =
          Api.await(() -> seen, s -> s.stream().anyMatch(e -> e.kind() == JobKinds.RESULT));
      Event result =
          all.stream().filter(e -> e.kind() == JobKinds.RESULT).findFirst().orElseThrow();
      assertThat(result.firstTagValue("e")).contains(req.id());
      assertThat(result.firstTagValue("p")).contains(TestKeys.ADMIN.publicKey().hex());
      assertThat(result.firstTagValue("job")).contains(job.id().toString());
      assertThat(result.firstTagValue("model")).contains("hearth-family");
      assertThat(result.content()).contains("# Fine-tune report: family").contains("**steps**: 6");

      Api.await(() -> statuses(seen), s -> s.contains("success"));
      List<String> statuses = statuses(seen);
      assertThat(statuses).startsWith("queued").contains("processing").endsWith("success");
      Event processing =
          seen.stream()
              .filter(
                  e ->
                      e.kind() == JobKinds.FEEDBACK
                          && e.tags().stream()
                              .anyMatch(t -> t.equals(List.of("phase", "training"))))
              .findFirst()
              .orElseThrow();
      assertThat(processing.firstTagValue("job")).contains(job.id().toString());
      assertThat(processing.tags()).anyMatch(t -> t.get(0).equals("step") && t.get(2).equals("6"));
      assertThat(processing.firstTagValue("progress")).isPresent();

      // delivered again (a reconnect, a second relay copy): executed once
      listener.onRequest("family", req);
      assertThat(admin.publishAndWait(req).accepted()).isTrue();
      assertThat(
              jobs.list(Optional.of("family")).stream()
                  .filter(j -> j.requestEventId().equals(Optional.of(req.id()))))
          .hasSize(1);
      assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }
  }

  @Test
  void aServiceMustNameTheAdminItActsFor() {
    try (RelayClient service = client(TestKeys.SERVICE)) {
      Event anonymous = request(TestKeys.SERVICE, List.of(List.of("param", "steps", "2")));
      List<Event> seen = watch(service, anonymous.id());
      assertThat(service.publishAndWait(anonymous).accepted()).isTrue();
      Event refusal = Api.await(() -> seen, s -> !s.isEmpty()).get(0);
      assertThat(refusal.kind()).isEqualTo(JobKinds.FEEDBACK);
      assertThat(refusal.tags())
          .anyMatch(
              t ->
                  t.get(0).equals("status")
                      && t.get(1).equals("error")
                      && t.get(2).contains("requested-by"));
      assertThat(refusal.firstTagValue("p")).contains(TestKeys.SERVICE.publicKey().hex());
      assertThat(jobs.list(Optional.of("family")))
          .noneMatch(j -> j.requestEventId().equals(Optional.of(anonymous.id())));

      Event onBehalf =
          request(
              TestKeys.SERVICE,
              List.of(
                  List.of("param", "steps", "2"),
                  List.of("requested-by", TestKeys.ADMIN.publicKey().hex())));
      List<Event> seen2 = watch(service, onBehalf.id());
      assertThat(service.publishAndWait(onBehalf).accepted()).isTrue();
      Api.await(() -> seen2, s -> s.stream().anyMatch(e -> e.kind() == JobKinds.RESULT));
      Job job =
          jobs.list(Optional.of("family")).stream()
              .filter(j -> j.requestEventId().equals(Optional.of(onBehalf.id())))
              .findFirst()
              .orElseThrow();
      assertThat(job.requestedBy()).isEqualTo(TestKeys.ADMIN.publicKey().hex());
      assertThat(job.requester()).isEqualTo(TestKeys.SERVICE.publicKey().hex());
      assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    }
  }

  @Test
  void aBadParameterIsRefusedWithFeedback() {
    try (RelayClient admin = client(TestKeys.ADMIN)) {
      Event bad = request(TestKeys.ADMIN, List.of(List.of("param", "steps", "lots")));
      List<Event> seen = watch(admin, bad.id());
      assertThat(admin.publishAndWait(bad).accepted()).isTrue();
      Event refusal = Api.await(() -> seen, s -> !s.isEmpty()).get(0);
      assertThat(refusal.tags())
          .anyMatch(
              t ->
                  t.get(0).equals("status")
                      && t.get(1).equals("error")
                      && t.get(2).contains("steps must be an integer"));
    }
  }
}
