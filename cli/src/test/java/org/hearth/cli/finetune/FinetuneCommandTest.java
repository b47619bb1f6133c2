package org.hearth.cli.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hearth.cli.ExitCodes;
import org.hearth.cli.HearthCli;
import org.hearth.nostr.crypto.PrivateKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth finetune} against a service that speaks docs/finetune-protocol.md exactly. */
class FinetuneCommandTest {
  private static final PrivateKey ADMIN = PrivateKey.fromHex("0f".repeat(32));
  private static final PrivateKey MEMBER = PrivateKey.fromHex("1a".repeat(32));
  @TempDir Path dir;
  private FakeFinetuneService service;
  private Path keyFile;
  private String url;
  private String out;
  private volatile StringWriter liveOut = new StringWriter();
  private String err;

  @BeforeEach
  void start() throws IOException {
    service = new FakeFinetuneService(Set.of(ADMIN.publicKey().hex()));
    url = service.url();
    keyFile = writeKey("admin.key", ADMIN);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private Path writeKey(String name, PrivateKey key) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, key.nsec() + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  private int run(String... args) {
    return runWith(keyFile, args);
  }

  private int runWith(Path key, String... args) {
    List<String> all = new ArrayList<>(List.of("finetune"));
    all.addAll(List.of(args));
    all.addAll(List.of("--url", url, "--key-file", key.toString()));
    StringWriter o = new StringWriter();
    liveOut = o;
    StringWriter e = new StringWriter();
    int code =
        HearthCli.commandLine(new PrintWriter(o), new PrintWriter(e))
            .execute(all.toArray(String[]::new));
    out = o.toString();
    err = e.toString();
    return code;
  }

  private static Job job(JsonNode n) {
    return Job.fromJson(n);
  }

  /** The progress lines the script draws in line mode (without their ETA, which is timed). */
  private static List<String> expectedLines(List<? extends JsonNode> script) {
    return script.stream().map(n -> ProgressBar.line(job(n), Optional.empty())).toList();
  }

  @Test
  void startPostsTheContractsBodySignedWithTheKeyFile() throws Exception {
    int code =
        run(
            "start",
            "--relay",
            "family",
            "--steps",
            "20",
            "--base-model",
            "llama3.2:1b",
            "--rank",
            "8",
            "--learning-rate",
            "0.0002");
    assertThat(code).as(err).isZero();
    FakeFinetuneService.Call call = service.calls.getLast();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.uri()).isEqualTo("/api/finetune/jobs");
    assertThat(call.pubkey()).isEqualTo(ADMIN.publicKey().hex());
    JsonNode body = FakeFinetuneService.JSON.readTree(call.body());
    assertThat(body.toString())
        .isEqualTo(
            "{\"relay\":\"family\",\"baseModel\":\"llama3.2:1b\",\"steps\":20,"
                + "\"learningRate\":2.0E-4,\"rank\":8}");
    assertThat(out).isEqualTo("started job job-1 on family (QUEUED)\n");

    assertThat(run("start", "--relay", "family")).isZero();
    assertThat(service.calls.getLast().body()).isEqualTo("{\"relay\":\"family\"}");
  }

  @Test
  void badNumbersAreRefusedBeforeAnyCall() {
    assertThat(run("start", "--relay", "family", "--steps", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("--steps and --rank must be positive");
    assertThat(run("start", "--relay", "family", "--learning-rate", "3"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("status", "../etc")).isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("not a job id");
    assertThat(service.calls).isEmpty();
  }

  @Test
  void listsJobsNewestFirstAndByRelay() throws Exception {
    service.add(FakeFinetuneService.successScript("job-1"));
    List<com.fasterxml.jackson.databind.node.ObjectNode> running =
        FakeFinetuneService.successScript("job-2");
    service.add(running.subList(0, 4));
    assertThat(run("list", "--relay", "family")).as(err).isZero();
    assertThat(service.calls.getLast().uri()).isEqualTo("/api/finetune/jobs?relay=family");
    assertThat(out)
        .isEqualTo(
            "job-2  RUNNING  family  50%  training  2026-11-26T16:00:00Z\n"
                + "job-1  SUCCEEDED  family  100%  hearth-family  2026-11-26T16:00:00Z\n");
    assertThat(run("list", "--json")).isZero();
    assertThat(FakeFinetuneService.JSON.readTree(out).size()).isEqualTo(2);
    service.jobs.clear();
    assertThat(run("list")).isZero();
    assertThat(out).isEqualTo("(none)\n");
  }

  @Test
  void statusInWordsWithAbsoluteArtifactUrlsOrAsJson() throws Exception {
    service.add(FakeFinetuneService.successScript("job-7"));
    assertThat(run("status", "job-7")).as(err).isZero();
    String base = service.url() + "/api/finetune/jobs/job-7";
    assertThat(out)
        .contains("state: SUCCEEDED\n")
        .contains("step: 20/20\n")
        .contains("loss: 0.4219\n")
        .contains("model: hearth-family\n")
        .contains("loss curve: " + base + "/loss.svg\n")
        .contains("report: " + base + "/report\n");
    assertThat(run("status", "job-7", "--json")).isZero();
    assertThat(FakeFinetuneService.JSON.readTree(out)).isEqualTo(service.jobs.get("job-7"));
  }

  @Test
  void problemDetailsArePrintedWithTitleStatusAndDetail() throws IOException {
    service.add(FakeFinetuneService.successScript("job-1"));
    assertThat(run("cancel", "job-1")).isEqualTo(ExitCodes.REFUSED);
    assertThat(err)
        .isEqualTo(
            "hearth: the finetune service refused: Conflict (HTTP 409): job job-1 has already"
                + " ended (SUCCEEDED)\n");
    assertThat(run("status", "job-404")).isEqualTo(ExitCodes.REFUSED);
    assertThat(err)
        .isEqualTo("hearth: the finetune service refused: Not Found (HTTP 404): no job job-404\n");
    assertThat(run("start", "--relay", "nope")).isEqualTo(ExitCodes.REFUSED);
    assertThat(err).contains("Not Found (HTTP 404): no relay \"nope\"");

    Path memberKey = writeKey("member.key", MEMBER);
    assertThat(runWith(memberKey, "status", "job-1")).isEqualTo(ExitCodes.REFUSED);
    assertThat(err)
        .isEqualTo(
            "hearth: the finetune service refused: Forbidden (HTTP 403): "
                + MEMBER.publicKey().hex()
                + " is not an owner or admin of relay family\n");
    assertThat(out).isEmpty();
    assertThat(service.refusals).as("every signature was valid and fresh").isEmpty();
  }

  @Test
  void cancelsARunningJob() {
    service.add(FakeFinetuneService.successScript("job-3").subList(0, 3));
    assertThat(run("cancel", "job-3")).as(err).isZero();
    assertThat(service.calls.getLast().method()).isEqualTo("DELETE");
    assertThat(out).isEqualTo("cancelled job job-3 (CANCELLED)\n");
  }

  @Test
  void followDrawsOneLinePerChangeReconnectsAfterADropAndEndsOnDone() {
    List<com.fasterxml.jackson.databind.node.ObjectNode> script =
        FakeFinetuneService.successScript("job-5");
    service.add(script);
    service.dropAfter = 3;
    service.dropWhen = () -> liveOut.toString().lines().count() >= 3;
    assertThat(run("follow", "job-5", "--progress", "lines")).as(err).isZero();

    assertThat(service.streamsOpened()).isEqualTo(2);
    List<FakeFinetuneService.Call> streams =
        service.calls.stream().filter(c -> c.uri().endsWith("/events")).toList();
    assertThat(streams)
        .extracting(FakeFinetuneService.Call::lastEventId)
        .containsExactly(null, "3");
    assertThat(service.refusals).as("the reconnection was signed afresh").isEmpty();
    assertThat(err)
        .as("the connection broke mid-stream, without the end of the chunked body")
        .startsWith("hearth: the event stream broke: ")
        .contains("reconnecting (1/10)");

    List<String> lines = out.lines().toList();
    List<String> expected = expectedLines(script);
    assertThat(lines).hasSize(expected.size() + 4);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(lines.get(i))
          .as("line %d, once despite the resent state", i)
          .startsWith(expected.get(i));
    }
    assertThat(lines.get(4)).contains("step 20/20").contains("loss 0.4219").contains("845 tok/s");
    assertThat(lines.get(6))
        .startsWith("register   [########################] 100.0%  step 20/20  loss 0.4219");
    String base = service.url() + "/api/finetune/jobs/job-5";
    assertThat(lines.subList(expected.size(), lines.size()))
        .containsExactly(
            "SUCCEEDED  job job-5 on family",
            "model:      hearth-family",
            "loss curve: " + base + "/loss.svg",
            "report:     " + base + "/report");
  }

  @Test
  void followOnATerminalRedrawsInPlace() {
    List<com.fasterxml.jackson.databind.node.ObjectNode> script =
        FakeFinetuneService.successScript("job-6");
    service.add(script);
    assertThat(run("follow", "job-6", "--progress", "bar")).as(err).isZero();
    String drawing = out.substring(0, out.indexOf("SUCCEEDED  job"));
    assertThat(drawing).startsWith("\r").endsWith("\n").doesNotContain("\n\r");
    assertThat(drawing.split("\r", -1)).hasSize(script.size() + 1);
    assertThat(drawing.strip()).contains("register   [########################] 100.0%");
  }

  @Test
  void aFailedJobEndsWithItsErrorAndANonZeroExitCode() {
    List<com.fasterxml.jackson.databind.node.ObjectNode> script =
        new ArrayList<>(FakeFinetuneService.successScript("job-8").subList(0, 3));
    script.add(
        FakeFinetuneService.job("job-8", "FAILED", "training", 5, 0.25)
            .put("error", "out of memory at step 6"));
    service.add(script);
    assertThat(run("follow", "job-8", "--progress", "lines")).isEqualTo(ExitCodes.JOB_FAILED);
    assertThat(out).endsWith("FAILED  job job-8 on family: out of memory at step 6\n");
    assertThat(out).doesNotContain("model:");
  }

  @Test
  void startCanFollowTheNewJob() {
    assertThat(run("start", "--relay", "family", "--follow", "--progress", "lines"))
        .as(err)
        .isZero();
    assertThat(out).startsWith("started job job-1 on family (QUEUED)\nqueued     [");
    assertThat(out).contains("\nSUCCEEDED  job job-1 on family\nmodel:      hearth-family\n");
  }

  @Test
  void reportPrintsMarkdownAndSavesTheLossCurve() throws IOException {
    service.add(FakeFinetuneService.successScript("job-9"));
    Path png = dir.resolve("loss.png");
    assertThat(run("report", "job-9", "--loss-png", png.toString())).as(err).isZero();
    assertThat(out).isEqualTo(FakeFinetuneService.REPORT);
    assertThat(Files.readAllBytes(png)).isEqualTo(FakeFinetuneService.PNG);
    assertThat(err).isEqualTo("saved the loss curve to " + png + "\n");
    assertThat(service.calls)
        .extracting(FakeFinetuneService.Call::uri)
        .containsExactly("/api/finetune/jobs/job-9/report", "/api/finetune/jobs/job-9/loss.png");
  }

  @Test
  void missingUrlOrKeyAndAnUnreachableServiceAreSaidPlainly() {
    StringWriter e = new StringWriter();
    int code =
        HearthCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(e))
            .execute("finetune", "list", "--key-file", keyFile.toString());
    if (System.getenv("HEARTH_FINETUNE_URL") == null) {
      assertThat(code).isEqualTo(ExitCodes.USAGE);
      assertThat(e.toString()).contains("give --url <url> or set HEARTH_FINETUNE_URL");
    }
    service.close();
    assertThat(run("list")).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err).startsWith("hearth: cannot reach " + url + ": ");
  }
}
