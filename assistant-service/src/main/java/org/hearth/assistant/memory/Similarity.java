package org.hearth.assistant.memory;

/** Vector similarity for embeddings (no pgvector needed). */
public final class Similarity {
  private Similarity() {}

  /** Cosine similarity in [-1, 1]; 0 when a vector is zero or the dimensions differ. */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length || a.length == 0) {
      return 0;
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    if (na == 0 || nb == 0) {
      return 0;
    }
    return dot / (Math.sqrt(na) * Math.sqrt(nb));
  }
}
