package org.hearth.finetune.job;

/**
 * Told of every change of a job after it was persisted: live streams and the relay's feedback
 * events (7000, throttled by the implementation) and the result (6970).
 */
public interface JobNotifier {
  /** State, phase or progress changed; {@code stateChanged} marks a state or phase transition. */
  void changed(Job job, boolean stateChanged);

  /** The job succeeded; {@code report} is the markdown report. */
  void succeeded(Job job, String report);
}
