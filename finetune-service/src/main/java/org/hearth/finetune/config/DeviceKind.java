package org.hearth.finetune.config;

/** Where tensors live: the CPU, a CUDA GPU, or a GPU when PyTorch sees one. */
public enum DeviceKind {
  CPU,
  GPU,
  AUTO
}
