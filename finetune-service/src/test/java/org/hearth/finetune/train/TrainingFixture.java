package org.hearth.finetune.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.hearth.finetune.lora.LoraAdapters;
import org.hearth.finetune.lora.LoraConfig;
import org.hearth.finetune.lora.TargetModule;
import org.hearth.finetune.model.LlamaLoader;
import org.hearth.finetune.model.LlamaModel;
import org.hearth.finetune.model.LlamaTokenizer;

/** A tiny memorisation set and a helper that builds a fresh model + adapters + trainer. */
final class TrainingFixture {
  static final String[][] PAIRS = {
    {"question what color is the sky ? answer", "blue"},
    {"question what color is the cat ? answer", "green"},
    {"question the family likes ? answer", "tea in the morning"},
    {"question hearth reads ? answer", "books in the evening"},
  };

  private TrainingFixture() {}

  static List<Example> examples(Path modelDir) throws IOException {
    List<Example> out = new ArrayList<>();
    try (LlamaTokenizer tok = LlamaTokenizer.load(modelDir)) {
      for (String[] pair : PAIRS) {
        long[] prompt = tok.encode(pair[0]);
        long[] answer = tok.encode(pair[1]);
        long[] all = new long[prompt.length + answer.length];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        System.arraycopy(answer, 0, all, prompt.length, answer.length);
        out.add(new Example(all, prompt.length));
      }
    }
    return out;
  }

  static LoraConfig lora(double dropout) {
    return new LoraConfig(4, 8, dropout, EnumSet.allOf(TargetModule.class), 11);
  }

  static LoraTrainer trainer(Path modelDir, NDManager m, LoraConfig lora, TrainingConfig cfg)
      throws IOException {
    LlamaModel model = LlamaLoader.load(modelDir, m);
    LoraAdapters adapters = LoraAdapters.attach(model, lora, m);
    return new LoraTrainer(model, adapters, cfg, examples(modelDir), 0, m);
  }
}
