package org.hearth.finetune.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Writes safetensors files (header padded to 8 bytes, tensors in the given order). */
public final class SafetensorsWriter {
  private static final int CHUNK_ELEMENTS = 1 << 20;

  private SafetensorsWriter() {}

  /** Writes {@code tensors} (in map iteration order) and optional string metadata. */
  public static void write(Path path, Map<String, TensorData> tensors, Map<String, String> metadata)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
      TensorData t = e.getValue();
      long len = (long) t.values().length * t.dtype().bytes();
      ObjectNode node = header.putObject(e.getKey());
      node.put("dtype", t.dtype().code());
      ArrayNode shape = node.putArray("shape");
      for (long d : t.shape()) {
        shape.add(d);
      }
      node.putArray("data_offsets").add(offset).add(offset + len);
      offset += len;
    }
    byte[] headerBytes = json.writeValueAsBytes(header);
    int padded = (headerBytes.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(headerBytes);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    try (FileChannel ch =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      writeFully(ch, head.flip());
      for (TensorData t : tensors.values()) {
        for (int from = 0; from < t.values().length; from += CHUNK_ELEMENTS) {
          writeFully(ch, encode(t, from, Math.min(t.values().length, from + CHUNK_ELEMENTS)));
        }
      }
    }
  }

  /** Rounds an FP32 value to BF16 bits (round to nearest even; NaN kept quiet). */
  public static short toBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int rounding = 0x7FFF + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  /** Encodes values [from, to) of a tensor (chunks keep buffers small for 2 GB+ tensors). */
  private static ByteBuffer encode(TensorData t, int from, int to) {
    float[] v = t.values();
    ByteBuffer buf =
        ByteBuffer.allocate((to - from) * t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = from; i < to; i++) {
      switch (t.dtype()) {
        case F32 -> buf.putFloat(v[i]);
        case F16 -> buf.putShort(Float.floatToFloat16(v[i]));
        case BF16 -> buf.putShort(toBf16(v[i]));
      }
    }
    return buf.flip();
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
