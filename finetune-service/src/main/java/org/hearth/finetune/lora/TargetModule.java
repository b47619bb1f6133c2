package org.hearth.finetune.lora;

import java.util.Arrays;

/** The Llama projections a LoRA adapter can target, by their Hugging Face/PEFT module names. */
public enum TargetModule {
  Q_PROJ("self_attn.q_proj"),
  K_PROJ("self_attn.k_proj"),
  V_PROJ("self_attn.v_proj"),
  O_PROJ("self_attn.o_proj"),
  GATE_PROJ("mlp.gate_proj"),
  UP_PROJ("mlp.up_proj"),
  DOWN_PROJ("mlp.down_proj");

  private final String path;

  TargetModule(String path) {
    this.path = path;
  }

  /** Path inside a decoder layer, e.g. {@code self_attn.q_proj}. */
  public String layerPath() {
    return path;
  }

  /** The PEFT {@code target_modules} name, e.g. {@code q_proj}. */
  public String peftName() {
    return path.substring(path.indexOf('.') + 1);
  }

  /** Parses a PEFT name such as {@code gate_proj}. */
  public static TargetModule fromPeftName(String name) {
    return Arrays.stream(values())
        .filter(t -> t.peftName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown LoRA target module "
                        + name
                        + " (known: q_proj k_proj v_proj o_proj gate_proj up_proj down_proj)"));
  }
}
