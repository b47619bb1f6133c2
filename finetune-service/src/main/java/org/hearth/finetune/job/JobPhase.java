package org.hearth.finetune.job;

import java.util.Locale;

/** What a running job is doing, as the wire contract names it. */
public enum JobPhase {
  DATASET,
  TRAINING,
  EXPORT,
  REGISTER;

  /** The contract's lower-case name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
