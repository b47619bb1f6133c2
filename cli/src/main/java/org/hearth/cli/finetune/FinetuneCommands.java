package org.hearth.cli.finetune;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hearth.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The subcommands of {@code hearth finetune}. */
final class FinetuneCommands {
  private FinetuneCommands() {}

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start a fine-tune job on one relay's data.")
  static final class Start extends FinetuneLeaf {
    @Option(names = "--relay", required = true, description = "The relay, e.g. family.")
    String relay;

    @Option(names = "--steps", description = "Training steps.")
    Integer steps;

    @Option(names = "--base-model", description = "The base model to adapt.")
    String baseModel;

    @Option(names = "--rank", description = "LoRA rank.")
    Integer rank;

    @Option(names = "--learning-rate", description = "Peak learning rate, e.g. 2e-4.")
    Double learningRate;

    @Option(names = "--follow", description = "Follow the job's progress to its end.")
    boolean follow;

    @Mixin ProgressOption progress;

    @Override
    public Integer call() {
      if (steps != null && steps <= 0 || rank != null && rank <= 0) {
        throw new IllegalArgumentException("--steps and --rank must be positive");
      }
      if (learningRate != null && !(learningRate > 0 && learningRate < 1)) {
        throw new IllegalArgumentException("--learning-rate must be between 0 and 1");
      }
      FinetuneClient client = client();
      Job job =
          client.start(
              new FinetuneClient.StartRequest(relay, baseModel, steps, learningRate, rank));
      if (options.json() && !follow) {
        out().println(job.raw().toString());
      } else {
        out().println("started job " + job.id() + " on " + job.relay() + " (" + job.state() + ")");
      }
      out().flush();
      return follow ? follow(client, job.id(), progress.tty()) : ExitCodes.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Fine-tune jobs, newest first.")
  static final class ListJobs extends FinetuneLeaf {
    @Option(names = "--relay", description = "Only this relay's jobs.")
    String relay;

    @Override
    public Integer call() {
      List<Job> jobs = client().list(Optional.ofNullable(relay));
      if (options.json()) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        jobs.forEach(j -> array.add(j.raw()));
        out().println(array.toString());
      } else if (jobs.isEmpty()) {
        out().println("(none)");
      } else {
        jobs.forEach(j -> out().println(JobText.row(j)));
      }
      out().flush();
      return ExitCodes.OK;
    }
  }

  abstract static class OnJob extends FinetuneLeaf {
    @Parameters(index = "0", paramLabel = "JOB_ID")
    String id;
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "A job's state, progress, metrics and files.")
  static final class Status extends OnJob {
    @Override
    public Integer call() {
      FinetuneClient client = client();
      Job job = client.job(id);
      if (options.json()) {
        out().println(job.raw().toString());
      } else {
        JobText.describe(job, client::absolute).forEach(out()::println);
      }
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel a queued or running job.")
  static final class Cancel extends OnJob {
    @Override
    public Integer call() {
      Optional<Job> job = client().cancel(id);
      if (options.json() && job.isPresent()) {
        out().println(job.get().raw().toString());
      } else {
        out().println("cancelled job " + id + job.map(j -> " (" + j.state() + ")").orElse(""));
      }
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "follow",
      mixinStandardHelpOptions = true,
      description =
          "Show a job's progress until it ends (exit code 0 when it SUCCEEDED, "
              + ExitCodes.JOB_FAILED
              + " otherwise).")
  static final class Follow extends OnJob {
    @Mixin ProgressOption progress;

    @Override
    public Integer call() {
      return follow(client(), id, progress.tty());
    }
  }

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = "Print a finished job's report (markdown).")
  static final class Report extends OnJob {
    @Option(names = "--loss-png", paramLabel = "FILE", description = "Save the loss curve here.")
    Path lossPng;

    @Override
    public Integer call() {
      FinetuneClient client = client();
      String report = client.report(id);
      if (lossPng != null) {
        byte[] png = client.lossPng(id);
        try {
          Files.write(lossPng, png);
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot write " + lossPng + ": " + e.getMessage());
        }
      }
      out().print(report.endsWith("\n") ? report : report + "\n");
      out().flush();
      if (lossPng != null) {
        err().println("saved the loss curve to " + lossPng);
        err().flush();
      }
      return ExitCodes.OK;
    }
  }
}
