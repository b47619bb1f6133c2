package org.hearth.finetune.job;

import java.nio.file.Path;

/** The files of one job, under its artifact directory. */
public record JobFiles(Path dir) {
  public static JobFiles of(Job job) {
    return new JobFiles(Path.of(job.artifactDir()));
  }

  public Path manifest() {
    return dir.resolve("manifest.json");
  }

  public Path checkpoint() {
    return dir.resolve("checkpoint");
  }

  /** Loss history and counters, written with every checkpoint (inside it). */
  public Path history() {
    return checkpoint().resolve("history.json");
  }

  public Path adapter() {
    return dir.resolve("adapter");
  }

  public Path lossSvg() {
    return dir.resolve("loss.svg");
  }

  public Path lossPng() {
    return dir.resolve("loss.png");
  }

  public Path report() {
    return dir.resolve("report.md");
  }
}
