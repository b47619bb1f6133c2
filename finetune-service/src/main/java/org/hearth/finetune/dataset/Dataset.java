package org.hearth.finetune.dataset;

import java.util.List;
import java.util.Objects;

/**
 * The training set of one relay.
 *
 * @param relay the relay's name
 * @param samples scrubbed samples, in a stable order
 * @param manifestJson the manifest (source relay, event ids, counts, hashes, scrubbing statistics)
 *     as a JSON document
 */
public record Dataset(String relay, List<Sample> samples, String manifestJson) {
  public Dataset {
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(manifestJson, "manifestJson");
    samples = List.copyOf(samples);
  }
}
