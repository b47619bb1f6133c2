package org.hearth.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.finetune.lora.LoraAdapters;
import org.hearth.finetune.model.GreedyDecoder;
import org.hearth.finetune.model.LlamaConfig;
import org.hearth.finetune.model.LlamaLoader;
import org.hearth.finetune.model.LlamaModel;
import org.hearth.finetune.model.LlamaTokenizer;
import org.hearth.finetune.model.TinyLlama;
import org.hearth.finetune.safetensors.DType;
import org.hearth.finetune.scrub.Canary;
import org.hearth.finetune.scrub.PiiCategory;
import org.hearth.finetune.scrub.Scrubber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planted canaries end to end: a model trained on the raw notes learns to recite them (the control
 * proves the check can fail); a model trained on the scrubbed notes never produces one. The
 * tokenizer's vocabulary holds every canary, so the scrubbed model could emit them if it had learnt
 * them.
 */
class CanaryLeakTest {
  static final Pattern WORD = Pattern.compile("\\w+|[^\\w\\s]+");
  static final Set<PiiCategory> SINGLE_TOKEN =
      Set.of(
          PiiCategory.NOSTR_SECRET_KEY,
          PiiCategory.NOSTR_PUBLIC_KEY,
          PiiCategory.CARD_NUMBER,
          PiiCategory.IBAN);

  @TempDir Path dir;

  @Test
  void scrubbedTrainingNeverRecitesACanaryWhileRawTrainingDoes() throws IOException {
    List<Canary> canaries =
        Canary.generate(77).stream().filter(c -> SINGLE_TOKEN.contains(c.category())).toList();
    List<String[]> raw = new ArrayList<>();
    for (Canary c : canaries) {
      raw.add(
          new String[] {
            "question what is my " + c.category().name().toLowerCase() + " ? answer", c.secret()
          });
    }
    raw.add(new String[] {"question what color is the sky ? answer", "blue"});
    Scrubber scrubber = new Scrubber();
    List<String[]> scrubbed =
        raw.stream().map(p -> new String[] {p[0], scrubber.scrub(p[1]).text()}).toList();
    Set<String> vocab = new LinkedHashSet<>(List.of("<pad>", "<unk>"));
    for (List<String[]> set : List.of(raw, scrubbed)) {
      for (String[] p : set) {
        words(p[0] + " " + p[1], vocab);
      }
    }
    LlamaConfig config =
        new LlamaConfig(vocab.size(), 32, 64, 2, 4, 2, 8, 1e-5, 10000, 64, false, Optional.empty());
    TinyLlama.write(dir, config, 5, DType.F32);
    TinyLlama.writeTokenizer(dir.resolve("tokenizer.json"), List.copyOf(vocab));

    Set<String> rawLeaks = leaksAfterTraining(raw, canaries);
    Set<String> scrubbedLeaks = leaksAfterTraining(scrubbed, canaries);
    System.out.printf(
        "canaries recited: raw %d/%d, scrubbed %d%n",
        rawLeaks.size(), canaries.size(), scrubbedLeaks.size());
    assertThat(rawLeaks).hasSizeGreaterThanOrEqualTo(canaries.size() - 1);
    assertThat(scrubbedLeaks).isEmpty();
  }

  private Set<String> leaksAfterTraining(List<String[]> pairs, List<Canary> canaries)
      throws IOException {
    Set<String> leaks = new java.util.TreeSet<>();
    try (NDManager m = NDManager.newBaseManager();
        LlamaTokenizer tok = LlamaTokenizer.load(dir)) {
      List<Example> examples = new ArrayList<>();
      for (String[] p : pairs) {
        long[] prompt = tok.encode(p[0]);
        long[] answer = tok.encode(p[1]);
        long[] all = java.util.Arrays.copyOf(prompt, prompt.length + answer.length);
        System.arraycopy(answer, 0, all, prompt.length, answer.length);
        examples.add(new Example(all, prompt.length));
      }
      LlamaModel model = LlamaLoader.load(dir, m);
      LoraAdapters lora = LoraAdapters.attach(model, TrainingFixture.lora(0.0), m);
      TrainingConfig cfg = TrainingConfig.defaults(5e-2, 3, 30, examples.size(), 1);
      try (LoraTrainer trainer = new LoraTrainer(model, lora, cfg, examples, 0, m)) {
        for (int i = 0; i < cfg.totalSteps(); i++) {
          trainer.trainStep();
        }
      }
      for (String[] p : pairs) {
        String out = tok.decode(GreedyDecoder.generate(model, tok.encode(p[0]), 1, m));
        canaries.stream()
            .filter(c -> c.leaksInto(out))
            .forEach(c -> leaks.add(c.category().name()));
      }
    }
    return leaks;
  }

  private static void words(String text, Set<String> vocab) {
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      vocab.add(m.group());
    }
  }
}
