package org.hearth.finetune.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.ArrayList;
import java.util.List;
import org.hearth.finetune.dataset.Dataset;
import org.hearth.finetune.dataset.DatasetException;
import org.hearth.finetune.dataset.DatasetProgress;
import org.hearth.finetune.dataset.DatasetSource;
import org.hearth.finetune.dataset.Sample;

/**
 * A fixed small dataset in TinyLlama's vocabulary, for every relay but {@code broken} (which fails
 * like an unreadable relay). {@link #setExtra} adds a sample, changing the manifest: a resumed job
 * must notice.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestDatasetSource implements DatasetSource {
  public static final String[][] PAIRS = {
    {"question what color is the sky ? answer", "blue"},
    {"question what color is the cat ? answer", "green"},
    {"question the family likes ? answer", "tea in the morning"},
    {"question hearth reads ? answer", "books in the evening"},
  };

  private volatile List<String[]> extra = List.of();

  /** Extra samples appended to every dataset from now on (tests change the inputs with it). */
  public void setExtra(List<String[]> samples) {
    extra = List.copyOf(samples);
  }

  @Override
  public Dataset build(String relay, DatasetProgress progress) throws DatasetException {
    if (relay.equals("broken")) {
      throw new DatasetException(
          "relay broken refused the service key (restricted: no read grant)");
    }
    List<Sample> samples = new ArrayList<>();
    List<String[]> all = new ArrayList<>(List.of(PAIRS));
    all.addAll(extra);
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < all.size(); i++) {
      String id = String.format("%064x", i + 1);
      samples.add(new Sample(Sample.Kind.DOCUMENT, all.get(i)[0], all.get(i)[1], List.of(id)));
      ids.append(i == 0 ? "" : ",").append('"').append(id).append('"');
    }
    progress.report("fetch", samples.size(), samples.size());
    String manifest =
        "{\"relay\":\""
            + relay
            + "\",\"eventIds\":["
            + ids
            + "],\"samples\":"
            + samples.size()
            + "}";
    return new Dataset(relay, samples, manifest);
  }
}
