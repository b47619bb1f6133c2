package org.hearth.finetune.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run has done so far across restarts: the loss of every step, tokens processed and seconds
 * spent training. Saved into the checkpoint directory, so a resumed run's curve and report cover
 * the whole job.
 */
final class TrainingHistory {
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<Double> losses = new ArrayList<>();
  long tokens;
  double trainSeconds;
  int resumedFromStep;

  void save(Path file) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode l = n.putArray("losses");
    losses.forEach(l::add);
    n.put("tokens", tokens);
    n.put("train_seconds", trainSeconds);
    JSON.writeValue(file.toFile(), n);
  }

  static TrainingHistory load(Path file) throws IOException {
    TrainingHistory h = new TrainingHistory();
    if (!Files.isRegularFile(file)) {
      return h;
    }
    JsonNode n = JSON.readTree(file.toFile());
    n.path("losses").forEach(v -> h.losses.add(v.asDouble()));
    h.tokens = n.path("tokens").asLong();
    h.trainSeconds = n.path("train_seconds").asDouble();
    return h;
  }

  double tokensPerSecond() {
    return trainSeconds <= 0 ? 0 : tokens / trainSeconds;
  }
}
