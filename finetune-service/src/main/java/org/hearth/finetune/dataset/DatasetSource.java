package org.hearth.finetune.dataset;

/**
 * Builds the training set of exactly one relay. Implementations read nothing but that relay, as the
 * fine-tune service's own key.
 */
public interface DatasetSource {

  /**
   * Fetches, scrubs and assembles the dataset of one relay.
   *
   * @param relay the relay's name, e.g. {@code family}
   * @param progress told of each phase and count as the build goes on
   * @return the samples and their manifest
   * @throws DatasetException when the relay cannot be read or holds nothing to train on
   */
  Dataset build(String relay, DatasetProgress progress) throws DatasetException;
}
