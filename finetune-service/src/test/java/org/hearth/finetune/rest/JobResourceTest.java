package org.hearth.finetune.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.hearth.finetune.export.PeftAdapter;
import org.hearth.finetune.job.Job;
import org.hearth.finetune.job.JobService;
import org.hearth.finetune.job.JobState;
import org.hearth.finetune.ollama.BlobDigest;
import org.hearth.finetune.testing.Api;
import org.hearth.finetune.testing.FinetuneTestResource;
import org.hearth.finetune.testing.TestKeys;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FinetuneTestResource.class)
class JobResourceTest {
  private static final String JOBS = "/api/finetune/jobs";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject JobService jobs;

  private Job awaitEnd(String id) {
    return Api.await(() -> jobs.find(UUID.fromString(id)).orElseThrow(), j -> j.state().ended());
  }

  private String submit(String body) {
    return Api.as(TestKeys.ADMIN, "POST", JOBS, body)
        .post(JOBS)
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  @Test
  void jobRunsEndToEndStreamsProgressAndServesItsArtifacts() throws IOException {
    String body = "{\"relay\":\"family\",\"steps\":12}";
    Response created = Api.as(TestKeys.ADMIN, "POST", JOBS, body).post(JOBS);
    created
        .then()
        .statusCode(202)
        .body("state", equalTo("QUEUED"))
        .body("relay", equalTo("family"));
    String id = created.path("id");
    assertThat(created.header("Location")).endsWith(JOBS + "/" + id);
    assertThat((String) created.path("requestedBy")).isEqualTo(TestKeys.ADMIN.publicKey().hex());

    List<Api.SseEvent> events = Api.readEvents(TestKeys.ADMIN, id);
    assertThat(events).isNotEmpty();
    assertThat(events.get(0).name()).isEqualTo("progress");
    Api.SseEvent last = events.get(events.size() - 1);
    assertThat(last.name()).isEqualTo("done");
    assertThat(JSON.readTree(last.data()).path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(events.subList(0, events.size() - 1)).allMatch(e -> e.name().equals("progress"));
    assertThat(events)
        .anyMatch(e -> e.data().contains("\"phase\":\"training\""))
        .anyMatch(e -> e.data().contains("\"phase\":\"register\""));

    String path = JOBS + "/" + id;
    Api.as(TestKeys.ADMIN, "GET", path, null)
        .get(path)
        .then()
        .statusCode(200)
        .body("state", equalTo("SUCCEEDED"))
        .body("model", equalTo("hearth-family"))
        .body("step", equalTo(12))
        .body("totalSteps", equalTo(12))
        .body("progress", equalTo(1.0f))
        .body("artifacts.lossCurve", equalTo(path + "/loss.svg"))
        .body("artifacts.report", equalTo(path + "/report"))
        .body("artifacts.manifest", equalTo(path + "/manifest"))
        .body("artifacts.adapter", equalTo(path + "/adapter"));
    Job job = jobs.find(UUID.fromString(id)).orElseThrow();
    assertThat(job.loss()).isPresent();
    assertThat(job.tokensPerSecond()).get().satisfies(t -> assertThat(t).isPositive());

    String svg =
        Api.as(TestKeys.ADMIN, "GET", path + "/loss.svg", null)
            .get(path + "/loss.svg")
            .then()
            .statusCode(200)
            .contentType(startsWith("image/svg+xml"))
            .extract()
            .asString();
    assertThat(svg).startsWith("<svg").contains("<polyline");
    byte[] png =
        Api.as(TestKeys.ADMIN, "GET", path + "/loss.png", null)
            .get(path + "/loss.png")
            .then()
            .statusCode(200)
            .contentType("image/png")
            .extract()
            .asByteArray();
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    String report =
        Api.as(TestKeys.ADMIN, "GET", path + "/report", null)
            .get(path + "/report")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/markdown"))
            .extract()
            .asString();
    assertThat(report)
        .contains("**relay**: family")
        .contains("**base model**: " + FinetuneTestResource.BASE_MODEL)
        .contains("**model**: hearth-family\n")
        .contains("**samples**: 4")
        .contains("**steps**: 12\n")
        .contains("**first loss**")
        .contains("**last loss**")
        .contains("**tokens/s**")
        .contains("**peak memory**")
        .contains("**manifest sha256**: " + sha256(Path.of(job.manifestPath().orElseThrow())));
    System.out.println("TinyLlama job report:\n" + report);
    Api.as(TestKeys.ADMIN, "GET", path + "/manifest", null)
        .get(path + "/manifest")
        .then()
        .statusCode(200)
        .body("relay", equalTo("family"))
        .body("samples", equalTo(4));

    // the double saw the adapter uploaded as blobs and a create naming exactly those blobs
    Path adapterDir = Path.of(job.adapterPath().orElseThrow());
    JsonNode create =
        FinetuneTestResource.ollama.creates.stream()
            .filter(c -> c.path("model").asText().equals("hearth-family"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(create.path("from").asText()).isEqualTo(FinetuneTestResource.BASE_MODEL);
    String weights = BlobDigest.of(Files.readAllBytes(adapterDir.resolve(PeftAdapter.WEIGHTS)));
    assertThat(create.path("adapters").path(PeftAdapter.WEIGHTS).asText()).isEqualTo(weights);
    assertThat(FinetuneTestResource.ollama.blobs).containsKey(weights);

    // the loss fell on this memorisation set
    List<Double> losses = lossesOf(job);
    assertThat(losses).hasSize(12);
    assertThat(losses.get(11)).isLessThan(losses.get(0));

    Api.as(TestKeys.ADMIN, "GET", JOBS + "?relay=family", null)
        .get(JOBS + "?relay=family")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.hasItem(id));
    Api.as(TestKeys.ADMIN, "DELETE", path, null)
        .delete(path)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("status", equalTo(409));
  }

  private static List<Double> lossesOf(Job job) throws IOException {
    JsonNode h =
        JSON.readTree(Path.of(job.checkpointPath().orElseThrow()).resolve("history.json").toFile());
    return JSON.convertValue(
        h.path("losses"), JSON.getTypeFactory().constructCollectionType(List.class, Double.class));
  }

  private static String sha256(Path p) throws IOException {
    return BlobDigest.of(Files.readAllBytes(p)).substring("sha256:".length());
  }

  @Test
  void missingOrBadAuthorizationIs401Problem() {
    String body = "{\"relay\":\"family\"}";
    RestAssured.given()
        .contentType("application/json")
        .body(body)
        .post(JOBS)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Nostr")
        .body("status", equalTo(401))
        .body("title", equalTo("NIP-98 authorization required"));
    // signed for another URL
    RestAssured.given()
        .header("Authorization", TestKeys.auth(TestKeys.ADMIN, Api.url("/elsewhere"), "POST", body))
        .contentType("application/json")
        .body(body)
        .post(JOBS)
        .then()
        .statusCode(401)
        .body("detail", containsString("u tag"));
    // signed for another body
    RestAssured.given()
        .header("Authorization", TestKeys.auth(TestKeys.ADMIN, Api.url(JOBS), "POST", "{}"))
        .contentType("application/json")
        .body(body)
        .post(JOBS)
        .then()
        .statusCode(401)
        .body("detail", containsString("payload"));
    // not base64
    RestAssured.given()
        .header("Authorization", "Nostr !!!")
        .get(JOBS)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    // a replayed header
    String header = TestKeys.auth(TestKeys.ADMIN, Api.url(JOBS), "GET", null);
    RestAssured.given().header("Authorization", header).get(JOBS).then().statusCode(200);
    RestAssured.given()
        .header("Authorization", header)
        .get(JOBS)
        .then()
        .statusCode(401)
        .body("detail", containsString("used already"));
  }

  @Test
  void nonAdminsAre403Problem() {
    String body = "{\"relay\":\"family\"}";
    Api.as(TestKeys.STRANGER, "POST", JOBS, body)
        .post(JOBS)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("not an owner or admin of relay 'family'"));
    Api.as(TestKeys.WORK_ADMIN, "POST", JOBS, body).post(JOBS).then().statusCode(403);
    Api.as(TestKeys.STRANGER, "GET", JOBS, null).get(JOBS).then().statusCode(403);
    Api.as(TestKeys.WORK_ADMIN, "GET", JOBS + "?relay=family", null)
        .get(JOBS + "?relay=family")
        .then()
        .statusCode(403);
    // the admin of work sees no job of family
    Api.as(TestKeys.WORK_ADMIN, "GET", JOBS, null)
        .get(JOBS)
        .then()
        .statusCode(200)
        .body("relay", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("family")));
  }

  @Test
  void badRequestsAreProblemsAndTheWorkerGoesOn() {
    for (String[] c :
        new String[][] {
          {"{not json", "not valid JSON"},
          {"[1]", "JSON object"},
          {"{\"relay\":\"family\",\"colour\":\"red\"}", "unknown field 'colour'"},
          {"{\"steps\":3}", "relay is required"},
          {"{\"relay\":\"family\",\"steps\":\"many\"}", "steps must be an integer"},
          {"{\"relay\":\"family\",\"steps\":0}", "steps must be between"},
          {"{\"relay\":\"family\",\"rank\":100000}", "rank must be between"},
          {"{\"relay\":\"family\",\"learningRate\":-1}", "learningRate"},
          {
            "{\"relay\":\"family\",\"baseModel\":\"mistral\"}",
            "trains " + FinetuneTestResource.BASE_MODEL + " only"
          },
          {"{\"relay\":\"attic\"}", "unknown relay 'attic'"},
        }) {
      Api.as(TestKeys.ADMIN, "POST", JOBS, c[0])
          .post(JOBS)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", containsString(c[1]));
    }
    String missing = JOBS + "/" + UUID.randomUUID();
    Api.as(TestKeys.ADMIN, "GET", missing, null)
        .get(missing)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    Api.as(TestKeys.ADMIN, "GET", JOBS + "/x", null).get(JOBS + "/x").then().statusCode(404);
    // the worker still runs jobs
    String id = submit("{\"relay\":\"family\",\"steps\":2}");
    assertThat(awaitEnd(id).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void anUnreadableRelayFailsTheJobWithTheReason() {
    String id = submit("{\"relay\":\"broken\",\"steps\":2}");
    Job job = awaitEnd(id);
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.error())
        .get()
        .asString()
        .contains("building the dataset of broken failed")
        .contains("no read grant");
  }

  @Test
  void anOllamaRefusalFailsTheJobButKeepsTheAdapter() {
    FinetuneTestResource.ollama.forget(FinetuneTestResource.BASE_MODEL);
    try {
      String id = submit("{\"relay\":\"family\",\"steps\":2}");
      Job job = awaitEnd(id);
      assertThat(job.state()).isEqualTo(JobState.FAILED);
      assertThat(job.error())
          .get()
          .asString()
          .contains("registering hearth-family in Ollama failed")
          .contains("the adapter is kept");
      Path adapter = Path.of(job.adapterPath().orElseThrow());
      assertThat(adapter.resolve(PeftAdapter.WEIGHTS)).isRegularFile();
      assertThat(adapter.resolve(PeftAdapter.CONFIG)).isRegularFile();
      assertThat(Path.of(job.reportPath().orElseThrow())).content().contains("not registered");
    } finally {
      FinetuneTestResource.ollama.learn(FinetuneTestResource.BASE_MODEL);
    }
  }

  @Test
  void queuedAndRunningJobsCanBeCancelled() {
    String running = submit("{\"relay\":\"family\",\"steps\":100000}");
    String queued = submit("{\"relay\":\"family\",\"steps\":2}");
    Job started =
        Api.await(
            () -> jobs.find(UUID.fromString(running)).orElseThrow(),
            j -> j.step() > 0 || j.state().ended());
    assertThat(started.state()).isEqualTo(JobState.RUNNING);
    String q = JOBS + "/" + queued;
    Api.as(TestKeys.ADMIN, "DELETE", q, null)
        .delete(q)
        .then()
        .statusCode(200)
        .body("state", equalTo("CANCELLED"));
    String r = JOBS + "/" + running;
    Api.as(TestKeys.ADMIN, "DELETE", r, null)
        .delete(r)
        .then()
        .statusCode(202)
        .body("state", equalTo("RUNNING"));
    Job cancelled = awaitEnd(running);
    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.step()).isLessThan(100000);
    assertThat(jobs.find(UUID.fromString(queued)).orElseThrow().state())
        .isEqualTo(JobState.CANCELLED);
  }
}
