package org.hearth.finetune.dataset;

/** Progress of a dataset build. */
@FunctionalInterface
public interface DatasetProgress {

  /** Ignores every report. */
  DatasetProgress NONE = (phase, done, total) -> {};

  /**
   * One report.
   *
   * @param phase what is being done, e.g. {@code fetch} or {@code scrub}
   * @param done items finished in this phase
   * @param total items in this phase, or -1 when not known yet
   */
  void report(String phase, long done, long total);
}
