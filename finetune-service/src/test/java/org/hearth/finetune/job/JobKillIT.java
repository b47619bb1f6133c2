package org.hearth.finetune.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.finetune.model.TinyLlama;
import org.hearth.finetune.ollama.OllamaDouble;
import org.hearth.finetune.safetensors.DType;
import org.hearth.finetune.testing.RelayTestResource;
import org.hearth.finetune.testing.TestKeys;
import org.hearth.nostr.client.RelayClient;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip98.Nip98;
import org.hearth.nostr.testkit.ServiceProcess;
import org.hearth.nostr.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #6, "a restart resumes from the last checkpoint or fails the job with a reason — never
 * leaves it hanging", with a real crash: the packaged finetune-service runs as a child process, is
 * killed with SIGKILL in the middle of a job (no shutdown hook, no step boundary), and started
 * again on the same database and data directory. The dataset comes from a real relay-private (also
 * a child process); the Ollama double runs in this JVM.
 */
class JobKillIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOBS = "/api/finetune/jobs";
  private static final Duration BOUND = Duration.ofMinutes(5);

  private static Path root;
  private static TestDatabase relayDb;
  private static ServiceProcess relay;
  private static OllamaDouble ollama;
  private static Map<String, String> base;

  private final List<TestDatabase> databases = new ArrayList<>();
  private ServiceProcess service;

  @BeforeAll
  static void relayModelAndDouble() throws Exception {
    root = Path.of("target", "job-kill-it", UUID.randomUUID().toString()).toAbsolutePath();
    Files.createDirectories(root);
    relayDb = TestDatabase.start("finetune");
    Map<String, String> r = new HashMap<>();
    r.put("quarkus.datasource.jdbc.url", relayDb.url());
    r.put("quarkus.datasource.reactive.url", relayDb.url().substring("jdbc:".length()));
    r.put("quarkus.datasource.username", "postgres");
    r.put("hearth.relay.data-dir", root.resolve("relay-data").toString());
    r.put("hearth.relay.owner", TestKeys.ADMIN.publicKey().hex());
    r.put("hearth.relay.services", RelayTestResource.SERVICE_KEY.publicKey().hex());
    relay = ServiceProcess.startRelay(r, root.resolve("relay.log"));
    publishNotes();

    Path model = root.resolve("tiny-llama");
    TinyLlama.write(model, TinyLlama.config(false, false), 21, DType.F32);
    ollama = new OllamaDouble(Set.of("llama3.2:1b"));

    Path keys = root.resolve("keys");
    Files.createDirectories(keys);
    Path serviceKey =
        secretFile(
            keys.resolve("service.nsec"), RelayTestResource.SERVICE_KEY.privateKey().hex() + "\n");
    Path pseudonymKey =
        secretFile(keys.resolve("pseudonym.key"), "0123456789abcdef0123456789abcdef-kill");

    base = new HashMap<>();
    base.put("hearth.finetune.key-file", serviceKey.toString());
    base.put("hearth.finetune.admins", TestKeys.ADMIN.publicKey().hex());
    base.put("hearth.finetune.relays.family.url", relay.baseUrl() + "/family");
    base.put("hearth.finetune.dataset.relay-url", relay.baseUrl());
    base.put("hearth.finetune.scrub.pseudonym-key-file", pseudonymKey.toString());
    base.put("hearth.finetune.jobs.base-model", "llama3.2:1b");
    base.put("hearth.finetune.jobs.base-model-dir", model.toString());
    base.put("hearth.finetune.ollama.host", ollama.uri().toString());
    base.put("hearth.finetune.jobs.micro-batch-size", "2");
    base.put("hearth.finetune.jobs.learning-rate", "3e-2");
    base.put("hearth.finetune.jobs.rank", "4");
    base.put("hearth.finetune.jobs.alpha", "8");
    base.put("hearth.finetune.jobs.dropout", "0");
    base.put("hearth.finetune.jobs.feedback-interval", "PT0.5S");
  }

  private static Path secretFile(Path file, String content) throws IOException {
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    return file;
  }

  private static void publishNotes() {
    List<String> w = TinyLlama.WORDS;
    try (RelayClient family =
        RelayClient.builder(URI.create(relay.baseUrl() + "/family"))
            .signer(TestKeys.ADMIN)
            .eagerAuth(true)
            .build()) {
      family.connectAndWait();
      for (int i = 0; i < 6; i++) {
        String text =
            String.join(
                " ",
                w.get(i % w.size()),
                w.get((i + 3) % w.size()),
                w.get((i + 5) % w.size()),
                w.get((i + 7) % w.size()));
        Event note = TestKeys.ADMIN.sign(EventTemplate.of(1, List.of(), text));
        assertThat(family.publishAndWait(note).accepted()).isTrue();
      }
    }
  }

  @AfterEach
  void stopService() {
    if (service != null) {
      service.close();
      service = null;
    }
    databases.forEach(TestDatabase::close);
    databases.clear();
  }

  @AfterAll
  static void stopAll() {
    if (relay != null) {
      relay.close();
    }
    if (relayDb != null) {
      relayDb.close();
    }
    if (ollama != null) {
      ollama.close();
    }
  }

  /** The service's properties for one case: its own database and data directory. */
  private Map<String, String> properties(String name, int checkpointEvery) throws IOException {
    TestDatabase db = TestDatabase.start("finetune");
    databases.add(db);
    Path data = root.resolve(name + "-data");
    Files.createDirectories(data);
    Map<String, String> p = new HashMap<>(base);
    p.put("hearth.finetune.database.url", db.url());
    p.put("hearth.finetune.data-dir", data.toString());
    p.put("hearth.finetune.jobs.checkpoint-every", Integer.toString(checkpointEvery));
    return p;
  }

  private ServiceProcess start(Map<String, String> p, String name) {
    return ServiceProcess.start("finetune-service", p, root.resolve(name + ".log"));
  }

  /**
   * A NIP-98 header as {@link TestKeys#auth} makes it, but with a random content: polling several
   * times a second would otherwise send the same event twice, which the service rejects as
   * replayed.
   */
  private static String auth(URI url, String method, String body) {
    EventTemplate t =
        Nip98.template(
            url.toString(), method, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    return Nip98.header(
        TestKeys.ADMIN.sign(
            new EventTemplate(t.kind(), t.tags(), UUID.randomUUID().toString(), t.createdAt())));
  }

  private static HttpResponse<String> call(
      ServiceProcess s, String method, String path, String body) {
    URI url = URI.create("http://localhost:" + s.port() + path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", auth(url, method, body));
    b =
        body == null
            ? b.method(method, HttpRequest.BodyPublishers.noBody())
            : b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String submit(ServiceProcess s, int steps) throws IOException {
    HttpResponse<String> r =
        call(s, "POST", JOBS, "{\"relay\":\"family\",\"steps\":" + steps + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return JSON.readTree(r.body()).path("id").asText();
  }

  private static JsonNode job(ServiceProcess s, String id) {
    HttpResponse<String> r = call(s, "GET", JOBS + "/" + id, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls the job until {@code done} holds (the bound only stops a hung test). */
  private static JsonNode await(ServiceProcess s, String id, Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (true) {
      JsonNode j = job(s, id);
      if (done.test(j)) {
        return j;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition never held; last: " + j + "\n" + s.logTail());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static boolean ended(JsonNode j) {
    return Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(j.path("state").asText());
  }

  private static boolean trainingAt(JsonNode j, int step) {
    return "RUNNING".equals(j.path("state").asText())
        && "training".equals(j.path("phase").asText())
        && j.path("step").asInt() >= step;
  }

  @Test
  void aJobKilledAfterACheckpointResumesFromItAfterTheRestart() throws Exception {
    int steps = 120;
    Map<String, String> p = properties("resume", 2);
    service = start(p, "resume-1");
    String id = submit(service, steps);
    long submitted = System.nanoTime();
    JsonNode before = await(service, id, j -> trainingAt(j, 4) || ended(j));
    assertThat(before.path("state").asText()).as(before.toString()).isEqualTo("RUNNING");

    service.kill();
    long killed = System.nanoTime();
    assertThat(service.isAlive()).isFalse();
    int stepAtKill = before.path("step").asInt();
    assertThat(stepAtKill).isLessThan(steps);

    service = start(p, "resume-2");
    long restarted = System.nanoTime();
    // past the step it was killed at: training goes on after the restart
    await(service, id, j -> j.path("step").asInt() > stepAtKill || ended(j));
    long firstStepAfterRestart = System.nanoTime();
    JsonNode done = await(service, id, JobKillIT::ended);
    long finished = System.nanoTime();

    assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.path("step").asInt()).isEqualTo(steps);
    assertThat(done.path("totalSteps").asInt()).isEqualTo(steps);
    assertThat(done.path("model").asText()).contains("hearth-family");

    HttpResponse<String> report = call(service, "GET", JOBS + "/" + id + "/report", null);
    assertThat(report.statusCode()).isEqualTo(200);
    Matcher m =
        Pattern.compile(
                "\\*\\*steps\\*\\*: " + steps + " \\(resumed from the checkpoint at (\\d+)\\)")
            .matcher(report.body());
    assertThat(m.find()).as(report.body()).isTrue();
    int checkpoint = Integer.parseInt(m.group(1));
    // the kill lands a little after the poll that saw step >= 4: a later checkpoint may exist
    assertThat(checkpoint).isGreaterThanOrEqualTo(2).isLessThan(steps);
    assertThat(checkpoint % 2).isZero();

    assertThat(ollama.creates).anyMatch(c -> c.toString().contains("hearth-family"));
    System.out.printf(
        "JobKillIT resume: %d steps, killed at step %d (%.1f s after submit), resumed from"
            + " checkpoint %d; restart to step %d passed %.1f s, restart to done %.1f s%n",
        steps,
        stepAtKill,
        (killed - submitted) / 1e9,
        checkpoint,
        stepAtKill,
        (firstStepAfterRestart - restarted) / 1e9,
        (finished - restarted) / 1e9);
  }

  @Test
  void aJobKilledBeforeItsFirstCheckpointFailsWithTheReasonAfterTheRestart() throws Exception {
    int steps = 120;
    Map<String, String> p = properties("early", steps + 1);
    service = start(p, "early-1");
    String id = submit(service, steps);
    JsonNode before = await(service, id, j -> trainingAt(j, 1) || ended(j));
    assertThat(before.path("state").asText()).as(before.toString()).isEqualTo("RUNNING");

    service.kill();

    service = start(p, "early-2");
    long restarted = System.nanoTime();
    JsonNode failed = await(service, id, JobKillIT::ended);
    assertThat(failed.path("state").asText()).as(failed.toString()).isEqualTo("FAILED");
    assertThat(failed.path("error").asText())
        .contains("interrupted before the first checkpoint (in phase training");
    System.out.printf(
        "JobKillIT early: killed at step %d, FAILED %.1f s after the restart was ready%n",
        before.path("step").asInt(), (System.nanoTime() - restarted) / 1e9);
  }
}
