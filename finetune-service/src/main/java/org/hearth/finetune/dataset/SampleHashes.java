package org.hearth.finetune.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 of samples, as recorded in a manifest. A sample's hash is that of the UTF-8 bytes of its
 * compact JSON {@code {"kind":"DOCUMENT","prompt":"…","completion":"…","sourceIds":["…"]}} (fields
 * in this order, Jackson's escaping); the list's hash is that of the samples' lower-case hex
 * hashes, in order, each followed by a newline ({@code sha256sum}-style input, so it can be checked
 * with shell tools).
 */
public final class SampleHashes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleHashes() {}

  /** The canonical JSON a sample's hash is taken of. */
  public static String canonicalJson(Sample s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", s.kind().name());
    m.put("prompt", s.prompt());
    m.put("completion", s.completion());
    m.put("sourceIds", s.sourceIds());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a sample is always serialisable", e);
    }
  }

  /** The sample's SHA-256, lower-case hex. */
  public static String of(Sample s) {
    return sha256(canonicalJson(s));
  }

  /** The SHA-256 of a list of sample hashes. */
  public static String ofList(List<String> sampleHashes) {
    StringBuilder sb = new StringBuilder(sampleHashes.size() * 65);
    sampleHashes.forEach(h -> sb.append(h).append('\n'));
    return sha256(sb.toString());
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
