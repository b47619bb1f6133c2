package org.hearth.finetune.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one safetensors file tensor by tensor. Offsets are {@code long} and every tensor is read
 * through its own bounded window of the file, so files larger than 2 GiB work (DJL's {@code
 * NDList.decode} uses int offsets and cannot). BF16 and F16 are widened to FP32 here, in Java.
 */
public final class SafetensorsReader implements AutoCloseable {
  private static final long MAX_HEADER = 100L * 1024 * 1024;
  private static final int CHUNK = 1 << 26;

  private final Path path;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsReader(
      Path path,
      FileChannel channel,
      long dataStart,
      Map<String, TensorInfo> tensors,
      Map<String, String> metadata) {
    this.path = path;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /** Opens a file and parses its header. */
  public static SafetensorsReader open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      long size = channel.size();
      if (size < 8) {
        throw new SafetensorsFormatException(path + ": shorter than the 8-byte header length");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lenBuf, 0);
      long headerLen = lenBuf.flip().getLong();
      if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
        throw new SafetensorsFormatException(path + ": invalid header length " + headerLen);
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLen);
      readFully(channel, header, 8);
      JsonNode root = new ObjectMapper().readTree(header.array());
      if (root == null || !root.isObject()) {
        throw new SafetensorsFormatException(path + ": header is not a JSON object");
      }
      long dataStart = 8 + headerLen;
      Map<String, TensorInfo> tensors = new LinkedHashMap<>();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("__metadata__")) {
          e.getValue()
              .fields()
              .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
          continue;
        }
        tensors.put(e.getKey(), parseEntry(path, e.getKey(), e.getValue(), size - dataStart));
      }
      return new SafetensorsReader(
          path,
          channel,
          dataStart,
          Collections.unmodifiableMap(tensors),
          Collections.unmodifiableMap(metadata));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static TensorInfo parseEntry(Path path, String name, JsonNode node, long dataSize)
      throws SafetensorsFormatException {
    JsonNode shapeNode = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (node.get("dtype") == null || shapeNode == null || offsets == null || offsets.size() != 2) {
      throw new SafetensorsFormatException(
          path + ": tensor " + name + " lacks dtype/shape/offsets");
    }
    DType dtype = DType.fromCode(node.get("dtype").asText());
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong();
    }
    TensorInfo info =
        new TensorInfo(name, dtype, shape, offsets.get(0).asLong(), offsets.get(1).asLong());
    if (info.begin() < 0
        || info.end() > dataSize
        || info.end() - info.begin() != info.elementCount() * dtype.bytes()) {
      throw new SafetensorsFormatException(
          path + ": tensor " + name + " has offsets inconsistent with its shape or the file size");
    }
    return info;
  }

  /** The tensor entries, in header order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The optional {@code __metadata__} map. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Reads one tensor, widened to FP32, into a new direct buffer. Its FP32 size must fit one buffer
   * (2 GiB); larger tensors are read in slices with {@link #readFloats(String, long, int)}.
   */
  public FloatBuffer readFloats(String name) throws IOException {
    TensorInfo info = info(name);
    long count = info.elementCount();
    if (count > Integer.MAX_VALUE / 4) {
      throw new SafetensorsFormatException(
          name + ": " + count + " elements exceed one 2 GiB FP32 buffer; read it in slices");
    }
    return readFloats(name, 0, (int) count, CHUNK);
  }

  /** Elements {@code first .. first+count-1} (row-major) of a tensor, widened to FP32. */
  public FloatBuffer readFloats(String name, long first, int count) throws IOException {
    return readFloats(name, first, count, CHUNK);
  }

  /** As {@link #readFloats(String, long, int)}, mapping at most {@code chunkBytes} at a time. */
  FloatBuffer readFloats(String name, long first, int count, int chunkBytes) throws IOException {
    TensorInfo info = info(name);
    if (first < 0
        || count < 0
        || first + count > info.elementCount()
        || count > Integer.MAX_VALUE / 4) {
      throw new SafetensorsFormatException(
          name
              + ": slice ["
              + first
              + ", +"
              + count
              + ") outside "
              + info.elementCount()
              + " elements");
    }
    FloatBuffer out =
        ByteBuffer.allocateDirect(count * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    int unit = info.dtype().bytes();
    long pos = dataStart + info.begin() + first * unit;
    long remaining = (long) count * unit;
    while (remaining > 0) {
      int len = (int) Math.min(remaining, chunkBytes - (chunkBytes % unit));
      ByteBuffer window =
          channel.map(FileChannel.MapMode.READ_ONLY, pos, len).order(ByteOrder.LITTLE_ENDIAN);
      widen(info.dtype(), window, out);
      pos += len;
      remaining -= len;
    }
    return out.flip();
  }

  private TensorInfo info(String name) throws SafetensorsFormatException {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new SafetensorsFormatException(path + ": no tensor named " + name);
    }
    return info;
  }

  private static void widen(DType dtype, ByteBuffer in, FloatBuffer out) {
    switch (dtype) {
      case F32 -> out.put(in.asFloatBuffer());
      case F16 -> {
        while (in.remaining() >= 2) {
          out.put(Float.float16ToFloat(in.getShort()));
        }
      }
      case BF16 -> {
        while (in.remaining() >= 2) {
          out.put(Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16));
        }
      }
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new SafetensorsFormatException("unexpected end of file");
      }
      pos += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
