package org.hearth.finetune.job;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hearth.finetune.config.ComputeManagers;
import org.hearth.finetune.config.FinetuneConfig;
import org.hearth.finetune.dataset.Dataset;
import org.hearth.finetune.dataset.DatasetException;
import org.hearth.finetune.dataset.DatasetProgress;
import org.hearth.finetune.dataset.DatasetSource;
import org.hearth.finetune.dataset.Sample;
import org.hearth.finetune.export.PeftAdapter;
import org.hearth.finetune.lora.LoraAdapters;
import org.hearth.finetune.lora.LoraConfig;
import org.hearth.finetune.lora.TargetModule;
import org.hearth.finetune.model.LlamaConfig;
import org.hearth.finetune.model.LlamaLoader;
import org.hearth.finetune.model.LlamaModel;
import org.hearth.finetune.model.LlamaTokenizer;
import org.hearth.finetune.ollama.OllamaRegistrar;
import org.hearth.finetune.train.Example;
import org.hearth.finetune.train.LoraTrainer;
import org.hearth.finetune.train.LossCurvePng;
import org.hearth.finetune.train.LossCurveSvg;
import org.hearth.finetune.train.StepResult;
import org.hearth.finetune.train.TrainingCheckpoint;
import org.hearth.finetune.train.TrainingConfig;
import org.jboss.logging.Logger;

/**
 * Runs one job: dataset -> tokenize -> LoRA training with checkpoints -> PEFT export -> loss curve
 * and report -> Ollama registration as {@code hearth-<relay>}. A job with a checkpoint resumes from
 * it when its inputs (dataset manifest, base model, settings) are unchanged. Progress is persisted
 * before anyone is told of it.
 */
@ApplicationScoped
public class JobRunner {
  private static final Logger LOG = Logger.getLogger(JobRunner.class);
  private static final ObjectMapper MANIFEST_JSON = new ObjectMapper();
  private static final long PAD_ID = 0;

  private final JobRepository jobs;
  private final Instance<DatasetSource> datasets;
  private final ComputeManagers managers;
  private final FinetuneConfig config;
  private final JobNotifier notifier;
  private final Clock clock;
  private volatile boolean stopping;

  public JobRunner(
      JobRepository jobs,
      Instance<DatasetSource> datasets,
      ComputeManagers managers,
      FinetuneConfig config,
      JobNotifier notifier) {
    this.jobs = jobs;
    this.datasets = datasets;
    this.managers = managers;
    this.config = config;
    this.notifier = notifier;
    this.clock = Clock.systemUTC();
  }

  /** Makes a running job stop at its next step, leaving it RUNNING (as a crash would). */
  void stop() {
    stopping = true;
  }

  void start() {
    stopping = false;
  }

  boolean stopping() {
    return stopping;
  }

  /** Claims and runs the job; returns at once when it is not QUEUED (taken, ended, cancelled). */
  void run(UUID id) {
    if (stopping) {
      return;
    }
    Optional<Job> claimed = jobs.claim(id, config.jobs().instanceId(), clock.instant());
    if (claimed.isEmpty()) {
      LOG.debugf("job %s is not queued any more: nothing to do", id);
      return;
    }
    Job job = claimed.get();
    notifier.changed(job, true);
    try {
      execute(job);
    } catch (JobInterrupted e) {
      LOG.infof("job %s interrupted by shutdown at its last checkpoint; resumed at next start", id);
    } catch (JobFailure e) {
      LOG.warnf("job %s failed: %s", id, e.getMessage());
      end(id, JobState.FAILED, Optional.of(e.getMessage()), Optional.empty());
    } catch (RuntimeException | IOException | Error e) {
      LOG.errorf(e, "job %s failed unexpectedly", id);
      end(id, JobState.FAILED, Optional.of("unexpected error: " + e), Optional.empty());
    }
  }

  private void execute(Job job) throws JobFailure, IOException {
    UUID id = job.id();
    Instant started = clock.instant();
    JobFiles files = JobFiles.of(job);
    Files.createDirectories(files.dir());
    progress(job, JobPhase.DATASET, 0, 0.0, Optional.empty(), Optional.empty(), true);

    Path baseDir =
        config
            .jobs()
            .baseModelDir()
            .orElseThrow(() -> new JobFailure("hearth.finetune.jobs.base-model-dir is not set"));
    if (!Files.isRegularFile(baseDir.resolve("config.json"))) {
      throw new JobFailure("the base model directory " + baseDir + " has no config.json");
    }
    Dataset dataset = dataset(job.relay());
    Files.writeString(files.manifest(), dataset.manifestJson(), StandardCharsets.UTF_8);
    LlamaConfig modelConfig = LlamaConfig.read(baseDir.resolve("config.json"));
    List<Example> examples = tokenize(dataset, baseDir, modelConfig);
    if (examples.isEmpty()) {
      throw new JobFailure(
          "the dataset of " + job.relay() + " has no sample that fits into a training sequence");
    }
    LoraConfig lora = loraConfig(job);
    TrainingConfig training = trainingConfig(job);
    String inputs = inputsHash(dataset, baseDir, lora, training, examples.size());
    boolean resume = job.checkpointPath().isPresent();
    if (resume && !inputs.equals(job.inputsHash().orElse(""))) {
      throw new JobFailure(
          "cannot resume from the checkpoint at step "
              + job.checkpointStep().orElse(0)
              + ": the inputs changed since (dataset, base model or settings)");
    }
    jobs.setInputsHash(id, inputs, files.manifest().toString(), clock.instant());
    progress(job, JobPhase.DATASET, 0, 0.05, Optional.empty(), Optional.empty(), false);

    TrainingHistory history;
    MemoryMeter memory = new MemoryMeter();
    try (NDManager manager = managers.newManager()) {
      // PyTorch's grad mode is per thread and on by default in a new thread; DJL turns it off only
      // on the thread that loaded the engine. The optimizer and checkpoint restore update leaf
      // parameters in place, which grad mode forbids: turn it off on this worker thread.
      JniUtils.setGradMode(false);
      LlamaModel model = LlamaLoader.load(baseDir, manager);
      LoraAdapters adapters = LoraAdapters.attach(model, lora, manager);
      try (LoraTrainer trainer =
          new LoraTrainer(model, adapters, training, examples, PAD_ID, manager)) {
        history = resume ? restore(job, files, trainer) : new TrainingHistory();
        progress(
            job,
            JobPhase.TRAINING,
            trainer.completedSteps(),
            trainingProgress(trainer.completedSteps(), training.totalSteps()),
            Optional.empty(),
            Optional.empty(),
            true);
        if (!train(job, files, trainer, history, memory)) {
          return; // cancelled
        }
        progress(
            job,
            JobPhase.EXPORT,
            trainer.completedSteps(),
            0.92,
            Optional.empty(),
            Optional.empty(),
            true);
        PeftAdapter.write(files.adapter(), adapters, job.baseModel());
      }
    }
    String title = "LoRA fine-tune of " + job.baseModel() + " on " + job.relay();
    List<LossCurveSvg.Series> curve =
        List.of(new LossCurveSvg.Series("training loss", history.losses));
    Files.writeString(files.lossSvg(), LossCurveSvg.render(title, curve), StandardCharsets.UTF_8);
    Files.write(files.lossPng(), LossCurvePng.render(title, curve));
    jobs.setArtifacts(
        id,
        files.adapter().toString(),
        files.lossSvg().toString(),
        files.lossPng().toString(),
        null,
        clock.instant());

    String modelName = "hearth-" + job.relay();
    progress(
        job,
        JobPhase.REGISTER,
        training.totalSteps(),
        0.96,
        Optional.empty(),
        Optional.empty(),
        true);
    Optional<String> registrationError = register(modelName, job.baseModel(), files.adapter());
    JobReport report =
        new JobReport(
            job.relay(),
            job.baseModel(),
            modelName,
            dataset.samples().size(),
            examples.size(),
            history.tokens,
            training.totalSteps(),
            history.resumedFromStep,
            history.losses.isEmpty() ? Double.NaN : history.losses.get(0),
            history.losses.isEmpty() ? Double.NaN : history.losses.get(history.losses.size() - 1),
            history.tokensPerSecond(),
            Duration.between(job.startedAt().orElse(started), clock.instant()),
            MemoryMeter.peakRssBytes(),
            memory.peakHeapBytes(),
            sha256(Files.readAllBytes(files.manifest())),
            registrationError);
    String markdown = report.markdown();
    Files.writeString(files.report(), markdown, StandardCharsets.UTF_8);
    jobs.setArtifacts(id, null, null, null, files.report().toString(), clock.instant());
    if (registrationError.isPresent()) {
      throw new JobFailure(
          "registering "
              + modelName
              + " in Ollama failed (the adapter is kept at "
              + files.adapter()
              + "): "
              + registrationError.get());
    }
    if (end(id, JobState.SUCCEEDED, Optional.empty(), Optional.of(modelName))) {
      jobs.find(id).ifPresent(done -> notifier.succeeded(done, markdown));
    }
  }

  private Dataset dataset(String relay) throws JobFailure {
    if (!datasets.isResolvable()) {
      throw new JobFailure(
          datasets.isAmbiguous()
              ? "more than one dataset source is installed; cannot choose"
              : "no dataset source is installed (the relay dataset builder is missing)");
    }
    try {
      return datasets.get().build(relay, DatasetProgress.NONE);
    } catch (DatasetException e) {
      throw new JobFailure("building the dataset of " + relay + " failed: " + e.getMessage(), e);
    }
  }

  private List<Example> tokenize(Dataset dataset, Path baseDir, LlamaConfig model)
      throws IOException {
    int maxLen = Math.min(config.jobs().maxSequenceLength(), model.maxPositionEmbeddings());
    List<Example> out = new ArrayList<>();
    try (LlamaTokenizer tok = LlamaTokenizer.load(baseDir)) {
      for (Sample s : dataset.samples()) {
        long[] prompt = tok.encode(s.prompt());
        long[] answer = tok.encode(s.completion());
        int a = Math.min(answer.length, maxLen - 1);
        int p = Math.min(prompt.length, maxLen - a);
        if (a < 1 || p < 1) {
          continue;
        }
        long[] all = new long[p + a];
        System.arraycopy(prompt, prompt.length - p, all, 0, p);
        System.arraycopy(answer, 0, all, p, a);
        out.add(new Example(all, p));
      }
    }
    return out;
  }

  private LoraConfig loraConfig(Job job) throws JobFailure {
    try {
      Set<TargetModule> targets = EnumSet.noneOf(TargetModule.class);
      for (String t : config.jobs().targets()) {
        targets.add(TargetModule.fromPeftName(t.strip().toLowerCase(Locale.ROOT)));
      }
      return new LoraConfig(
          job.rank(),
          config.jobs().alpha(),
          config.jobs().dropout(),
          targets,
          config.jobs().seed());
    } catch (IllegalArgumentException e) {
      throw new JobFailure("invalid LoRA settings: " + e.getMessage());
    }
  }

  private TrainingConfig trainingConfig(Job job) throws JobFailure {
    FinetuneConfig.Jobs j = config.jobs();
    int warmup = Math.min(j.warmupSteps(), job.totalSteps() / 10);
    try {
      return new TrainingConfig(
          job.learningRate(),
          0.0,
          0.9,
          0.999,
          1e-8,
          warmup,
          job.totalSteps(),
          0.1,
          j.microBatchSize(),
          j.gradientAccumulation(),
          1.0,
          j.seed());
    } catch (IllegalArgumentException e) {
      throw new JobFailure("invalid training settings: " + e.getMessage());
    }
  }

  private TrainingHistory restore(Job job, JobFiles files, LoraTrainer trainer)
      throws JobFailure, IOException {
    Path ckpt = TrainingCheckpoint.latest(Path.of(job.checkpointPath().orElseThrow()));
    if (!Files.isDirectory(ckpt)) {
      throw new JobFailure("the checkpoint " + ckpt + " is gone; cannot resume");
    }
    try {
      int step = TrainingCheckpoint.restore(ckpt, trainer);
      TrainingHistory h = TrainingHistory.load(files.history());
      h.resumedFromStep = step;
      while (h.losses.size() > step) {
        h.losses.remove(h.losses.size() - 1);
      }
      LOG.infof("job %s resumes from its checkpoint at step %d", job.id(), step);
      return h;
    } catch (IllegalArgumentException e) {
      throw new JobFailure("cannot resume from the checkpoint: " + e.getMessage(), e);
    }
  }

  /** Trains to the last step; false when the job was cancelled on the way. */
  private boolean train(
      Job job, JobFiles files, LoraTrainer trainer, TrainingHistory history, MemoryMeter memory)
      throws IOException {
    int total = trainer.config().totalSteps();
    int every = Math.max(1, config.jobs().checkpointEvery());
    while (trainer.completedSteps() < total) {
      if (stopping) {
        throw new JobInterrupted();
      }
      if (jobs.shouldStop(job.id())) {
        end(job.id(), JobState.CANCELLED, Optional.of("cancelled on request"), Optional.empty());
        return false;
      }
      long t0 = System.nanoTime();
      StepResult r = trainer.trainStep();
      history.trainSeconds += (System.nanoTime() - t0) / 1e9;
      history.tokens += r.tokens();
      history.losses.add(r.loss());
      memory.sample();
      if (r.step() % every == 0 || r.step() == total) {
        TrainingCheckpoint.save(files.checkpoint(), trainer);
        history.save(files.history());
        jobs.setCheckpoint(job.id(), files.checkpoint().toString(), r.step(), clock.instant());
      }
      progress(
          job,
          JobPhase.TRAINING,
          r.step(),
          trainingProgress(r.step(), total),
          Optional.of(r.loss()),
          Optional.of(history.tokensPerSecond()),
          false);
    }
    return true;
  }

  private static double trainingProgress(int step, int total) {
    return 0.05 + 0.85 * step / total;
  }

  private Optional<String> register(String model, String baseModel, Path adapterDir) {
    try {
      new OllamaRegistrar(config.ollama().host(), config.ollama().timeout())
          .register(model, baseModel, adapterDir);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip());
    }
  }

  private void progress(
      Job job,
      JobPhase phase,
      int step,
      double progress,
      Optional<Double> loss,
      Optional<Double> tps,
      boolean phaseChanged) {
    jobs.progress(job.id(), phase, step, progress, loss, tps, clock.instant());
    jobs.find(job.id()).ifPresent(j -> notifier.changed(j, phaseChanged));
  }

  /** Ends the job (if it has not ended) and tells the notifier. */
  boolean end(UUID id, JobState state, Optional<String> error, Optional<String> model) {
    boolean ended = jobs.finish(id, state, error, model, clock.instant());
    if (ended) {
      jobs.find(id).ifPresent(j -> notifier.changed(j, true));
    }
    return ended;
  }

  /**
   * The manifest without its {@code builtAt}: a rebuild of the same dataset differs only there, and
   * a resume after a restart always rebuilds it (JobKillIT).
   */
  private static String withoutBuiltAt(String manifestJson) throws IOException {
    JsonNode doc = MANIFEST_JSON.readTree(manifestJson);
    if (doc instanceof ObjectNode o) {
      o.remove("builtAt");
    }
    return MANIFEST_JSON.writeValueAsString(doc);
  }

  private static String inputsHash(
      Dataset dataset, Path baseDir, LoraConfig lora, TrainingConfig training, int examples)
      throws IOException {
    MessageDigest md = sha();
    md.update(withoutBuiltAt(dataset.manifestJson()).getBytes(StandardCharsets.UTF_8));
    md.update(Files.readAllBytes(baseDir.resolve("config.json")));
    Path tokenizer = baseDir.resolve("tokenizer.json");
    if (Files.isRegularFile(tokenizer)) {
      md.update(Files.readAllBytes(tokenizer));
    }
    String settings =
        lora.rank()
            + "|"
            + lora.alpha()
            + "|"
            + lora.dropout()
            + "|"
            + EnumSet.copyOf(lora.targets())
            + "|"
            + lora.seed()
            + "|"
            + training
            + "|"
            + examples;
    md.update(settings.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest());
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha().digest(bytes));
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
