package org.hearth.finetune.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.hearth.finetune.model.LlamaModel;
import org.hearth.finetune.model.Projection;

/**
 * The LoRA adapters attached to a model, keyed by PEFT tensor name ({@code
 * base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}). A is drawn like PEFT's
 * kaiming-uniform (a = sqrt(5), i.e. U(-1/sqrt(in), 1/sqrt(in))) from the config's seed, B = 0, so
 * a fresh adapter changes no output. Only A and B require gradients; base weights stay frozen.
 */
public final class LoraAdapters {
  /** Prefix PEFT puts before the HF module path. */
  public static final String PEFT_PREFIX = "base_model.model.";

  private final LoraConfig config;
  private final LoraDropout dropout;
  private final Map<String, LoraBlock> blocks;
  private final Map<String, Parameter> parameters;

  private LoraAdapters(
      LoraConfig config,
      LoraDropout dropout,
      Map<String, LoraBlock> blocks,
      Map<String, Parameter> parameters) {
    this.config = config;
    this.dropout = dropout;
    this.blocks = blocks;
    this.parameters = parameters;
  }

  /** Creates and attaches fresh adapters to every targeted projection of {@code model}. */
  public static LoraAdapters attach(LlamaModel model, LoraConfig config, NDManager manager) {
    LoraDropout dropout = new LoraDropout(config.dropout());
    SplittableRandom rnd = new SplittableRandom(config.seed());
    Map<String, LoraBlock> blocks = new LinkedHashMap<>();
    Map<String, Parameter> params = new LinkedHashMap<>();
    int index = 0;
    for (Map.Entry<String, Projection> e : model.projections().entrySet()) {
      if (config.targets().stream().noneMatch(t -> e.getKey().endsWith("." + t.layerPath()))) {
        continue;
      }
      Projection p = e.getValue();
      int r = config.rank();
      LoraBlock block = new LoraBlock(config.scale(), dropout, index++, p.out());
      float[] a = new float[Math.toIntExact(r * p.in())];
      double bound = 1 / Math.sqrt(p.in());
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) rnd.nextDouble(-bound, bound);
      }
      setTrainable(block.a(), manager.create(a, new Shape(r, p.in())));
      setTrainable(block.b(), manager.zeros(new Shape(p.out(), r)));
      p.attachAdapter(block);
      blocks.put(e.getKey(), block);
      params.put(PEFT_PREFIX + e.getKey() + ".lora_A.weight", block.a());
      params.put(PEFT_PREFIX + e.getKey() + ".lora_B.weight", block.b());
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no projection matches " + config.targets());
    }
    return new LoraAdapters(
        config, dropout, Collections.unmodifiableMap(blocks), Collections.unmodifiableMap(params));
  }

  private static void setTrainable(Parameter p, NDArray array) {
    p.setArray(array);
    p.freeze(false);
  }

  public LoraConfig config() {
    return config;
  }

  public LoraDropout dropout() {
    return dropout;
  }

  /** Adapter blocks by HF module path, e.g. {@code model.layers.0.self_attn.q_proj}. */
  public Map<String, LoraBlock> blocks() {
    return blocks;
  }

  /** The trainable parameters by PEFT tensor name, A before B per module. */
  public Map<String, Parameter> parameters() {
    return parameters;
  }

  /** A copy of every adapter tensor's values by PEFT name. */
  public Map<String, float[]> snapshot() {
    Map<String, float[]> m = new LinkedHashMap<>();
    parameters.forEach((n, p) -> m.put(n, p.getArray().toFloatArray()));
    return m;
  }

  /** Overwrites adapter values in place (shapes must match); missing names are an error. */
  public void load(Map<String, FloatBuffer> values) {
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      FloatBuffer v = values.get(e.getKey());
      if (v == null) {
        throw new IllegalArgumentException("adapter tensor " + e.getKey() + " is missing");
      }
      NDArray array = e.getValue().getArray();
      if (v.remaining() != array.size()) {
        throw new IllegalArgumentException(
            e.getKey() + ": " + v.remaining() + " values for shape " + array.getShape());
      }
      array.set(v);
    }
  }
}
