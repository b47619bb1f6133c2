package org.hearth.finetune.model;

import java.util.Map;

/**
 * An independent plain-Java Llama forward pass: float arrays, double accumulators, straightforward
 * loops, written from the Hugging Face modelling code without sharing anything with the DJL blocks.
 * LoRA is checked by passing merged weights (W + scale * B A).
 */
public final class ReferenceLlama {
  private final LlamaConfig c;
  private final Map<String, float[]> w;
  private final double[] invFreq;

  public ReferenceLlama(LlamaConfig c, Map<String, float[]> weights) {
    this.c = c;
    this.w = weights;
    int half = c.headDim() / 2;
    invFreq = new double[half];
    for (int i = 0; i < half; i++) {
      invFreq[i] = 1.0 / Math.pow(c.ropeTheta(), (double) (2 * i) / c.headDim());
    }
    c.ropeScaling()
        .ifPresent(
            s -> {
              double oldCtx = s.originalMaxPositionEmbeddings();
              double lowWave = oldCtx / s.lowFreqFactor();
              double highWave = oldCtx / s.highFreqFactor();
              for (int i = 0; i < half; i++) {
                double wave = 2 * Math.PI / invFreq[i];
                double scaled = wave > lowWave ? invFreq[i] / s.factor() : invFreq[i];
                boolean medium = !(wave < highWave) && !(wave > lowWave);
                if (medium) {
                  double smooth =
                      (oldCtx / wave - s.lowFreqFactor())
                          / (s.highFreqFactor() - s.lowFreqFactor());
                  scaled = (1 - smooth) * scaled / s.factor() + smooth * scaled;
                }
                invFreq[i] = scaled;
              }
            });
  }

  /** Logits [T][V] for one sequence; mask[j] == 0 marks padding keys. */
  public float[][] logits(int[] tokens, int[] mask) {
    int t = tokens.length;
    int h = c.hiddenSize();
    float[][] x = new float[t][];
    for (int i = 0; i < t; i++) {
      x[i] = row(w.get("model.embed_tokens.weight"), tokens[i], h);
    }
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      String p = "model.layers." + l + ".";
      float[][] n1 = new float[t][];
      for (int i = 0; i < t; i++) {
        n1[i] = rmsNorm(x[i], w.get(p + "input_layernorm.weight"));
      }
      float[][] attn = attention(p, n1, mask);
      for (int i = 0; i < t; i++) {
        for (int d = 0; d < h; d++) {
          x[i][d] += attn[i][d];
        }
        float[] n2 = rmsNorm(x[i], w.get(p + "post_attention_layernorm.weight"));
        float[] g = matVec(p + "mlp.gate_proj", n2);
        float[] u = matVec(p + "mlp.up_proj", n2);
        float[] a = new float[g.length];
        for (int k = 0; k < g.length; k++) {
          a[k] = (float) (g[k] / (1 + Math.exp(-g[k])) * u[k]);
        }
        float[] down = matVec(p + "mlp.down_proj", a);
        for (int d = 0; d < h; d++) {
          x[i][d] += down[d];
        }
      }
    }
    String head = c.tieWordEmbeddings() ? "model.embed_tokens" : "lm_head";
    float[][] out = new float[t][];
    for (int i = 0; i < t; i++) {
      out[i] = matVec(head, rmsNorm(x[i], w.get("model.norm.weight")));
    }
    return out;
  }

  private float[][] attention(String p, float[][] x, int[] mask) {
    int t = x.length;
    int hd = c.headDim();
    int heads = c.numAttentionHeads();
    int perKv = heads / c.numKeyValueHeads();
    float[][] q = new float[t][];
    float[][] k = new float[t][];
    float[][] v = new float[t][];
    for (int i = 0; i < t; i++) {
      q[i] = rope(matVec(p + "self_attn.q_proj", x[i]), i, heads);
      k[i] = rope(matVec(p + "self_attn.k_proj", x[i]), i, c.numKeyValueHeads());
      v[i] = matVec(p + "self_attn.v_proj", x[i]);
    }
    float[][] ctx = new float[t][heads * hd];
    for (int head = 0; head < heads; head++) {
      int kvHead = head / perKv;
      for (int i = 0; i < t; i++) {
        double[] scores = new double[i + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) {
          if (mask[j] == 0) {
            scores[j] = Double.NEGATIVE_INFINITY;
            continue;
          }
          double s = 0;
          for (int d = 0; d < hd; d++) {
            s += (double) q[i][head * hd + d] * k[j][kvHead * hd + d];
          }
          scores[j] = s / Math.sqrt(hd);
          max = Math.max(max, scores[j]);
        }
        double sum = 0;
        for (int j = 0; j <= i; j++) {
          scores[j] = mask[j] == 0 ? 0 : Math.exp(scores[j] - max);
          sum += scores[j];
        }
        for (int d = 0; d < hd; d++) {
          double acc = 0;
          for (int j = 0; j <= i; j++) {
            acc += scores[j] / sum * v[j][kvHead * hd + d];
          }
          ctx[i][head * hd + d] = (float) acc;
        }
      }
    }
    float[][] out = new float[t][];
    for (int i = 0; i < t; i++) {
      out[i] = matVec(p + "self_attn.o_proj", ctx[i]);
    }
    return out;
  }

  /** HF rotate-half rope on each head of a [heads * hd] vector at position pos. */
  private float[] rope(float[] vec, int pos, int heads) {
    int hd = c.headDim();
    int half = hd / 2;
    float[] out = new float[vec.length];
    for (int head = 0; head < heads; head++) {
      int o = head * hd;
      for (int i = 0; i < half; i++) {
        double angle = pos * invFreq[i];
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double a = vec[o + i];
        double b = vec[o + i + half];
        out[o + i] = (float) (a * cos - b * sin);
        out[o + i + half] = (float) (b * cos + a * sin);
      }
    }
    return out;
  }

  private float[] rmsNorm(float[] x, float[] weight) {
    double ss = 0;
    for (float f : x) {
      ss += (double) f * f;
    }
    double inv = 1 / Math.sqrt(ss / x.length + c.rmsNormEps());
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) (x[i] * inv * weight[i]);
    }
    return out;
  }

  /** y = W x with W [out, in] stored row-major under name + ".weight". */
  private float[] matVec(String module, float[] x) {
    float[] m = w.get(module + ".weight");
    int in = x.length;
    int out = m.length / in;
    float[] y = new float[out];
    for (int o = 0; o < out; o++) {
      double acc = 0;
      for (int i = 0; i < in; i++) {
        acc += (double) m[o * in + i] * x[i];
      }
      y[o] = (float) acc;
    }
    return y;
  }

  private static float[] row(float[] m, int r, int width) {
    float[] out = new float[width];
    System.arraycopy(m, r * width, out, 0, width);
    return out;
  }
}
