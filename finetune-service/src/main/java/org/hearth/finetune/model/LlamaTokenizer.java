package org.hearth.finetune.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The model's tokenizer, loaded from {@code tokenizer.json} with DJL's HuggingFace tokenizers. */
public final class LlamaTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;

  private LlamaTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Loads {@code tokenizer.json} from a checkpoint directory (or the file itself). */
  public static LlamaTokenizer load(Path dirOrFile) throws IOException {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve("tokenizer.json") : dirOrFile;
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException("missing " + file);
    }
    return new LlamaTokenizer(
        HuggingFaceTokenizer.newInstance(
            file, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")));
  }

  /** Token ids of {@code text}, without special tokens. */
  public long[] encode(String text) {
    Encoding e = tokenizer.encode(text, false, false);
    return e.getIds();
  }

  /** Text of token ids. */
  public String decode(long[] ids) {
    return tokenizer.decode(ids, true);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
