package org.hearth.finetune.model;

/**
 * Llama 3 {@code rope_scaling} of rope_type {@code llama3}: low frequencies are divided by {@code
 * factor}, high ones kept, and the band between is interpolated smoothly.
 *
 * @param factor divisor for long wavelengths
 * @param lowFreqFactor {@code low_freq_factor}
 * @param highFreqFactor {@code high_freq_factor}
 * @param originalMaxPositionEmbeddings the context length the base frequencies were trained on
 */
public record RopeScaling(
    double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositionEmbeddings) {

  /** Applies the scaling to base inverse frequencies (HF {@code _compute_llama3_parameters}). */
  public double[] apply(double[] invFreq) {
    double lowFreqWavelen = originalMaxPositionEmbeddings / lowFreqFactor;
    double highFreqWavelen = originalMaxPositionEmbeddings / highFreqFactor;
    double[] out = new double[invFreq.length];
    for (int i = 0; i < invFreq.length; i++) {
      double wavelen = 2 * Math.PI / invFreq[i];
      if (wavelen < highFreqWavelen) {
        out[i] = invFreq[i];
      } else if (wavelen > lowFreqWavelen) {
        out[i] = invFreq[i] / factor;
      } else {
        double smooth =
            (originalMaxPositionEmbeddings / wavelen - lowFreqFactor)
                / (highFreqFactor - lowFreqFactor);
        out[i] = (1 - smooth) * invFreq[i] / factor + smooth * invFreq[i];
      }
    }
    return out;
  }
}
