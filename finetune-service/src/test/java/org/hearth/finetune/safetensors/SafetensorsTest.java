package org.hearth.finetune.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir Path tmp;

  private static float[] read(SafetensorsReader r, String name) throws IOException {
    FloatBuffer b = r.readFloats(name);
    float[] out = new float[b.remaining()];
    b.get(out);
    return out;
  }

  @Test
  void roundTripsF32AndWidensF16AndBf16() throws IOException {
    float[] v = {1f, -2.5f, 0.1f, 3.14159f, 65504f, -0f};
    Map<String, TensorData> t = new LinkedHashMap<>();
    t.put("a", new TensorData(DType.F32, new long[] {2, 3}, v));
    t.put("h", new TensorData(DType.F16, new long[] {6}, v));
    t.put("b", new TensorData(DType.BF16, new long[] {3, 2}, v));
    Path f = tmp.resolve("x.safetensors");
    SafetensorsWriter.write(f, t, Map.of("format", "pt"));
    try (SafetensorsReader r = SafetensorsReader.open(f)) {
      assertThat(r.metadata()).containsEntry("format", "pt");
      assertThat(r.tensors().get("b").shape()).containsExactly(3, 2);
      assertThat(read(r, "a")).containsExactly(v);
      float[] h = read(r, "h");
      float[] b = read(r, "b");
      for (int i = 0; i < v.length; i++) {
        assertThat(h[i]).isEqualTo(Float.float16ToFloat(Float.floatToFloat16(v[i])));
        assertThat(b[i]).isCloseTo(v[i], org.assertj.core.data.Percentage.withPercentage(0.4));
      }
      // bf16(0.1) is 0x3DCD: round to nearest even, not truncation (0x3DCC).
      assertThat(Float.floatToIntBits(b[2]) >>> 16).isEqualTo(0x3DCD);
    }
  }

  @Test
  void readsTensorsThroughSeveralMappedWindows() throws IOException {
    float[] v = new float[1001];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * 0.25f - 100;
    }
    Map<String, TensorData> t = new LinkedHashMap<>();
    t.put("f", TensorData.f32(v, 7, 143));
    t.put("b", new TensorData(DType.BF16, new long[] {1001}, v));
    Path f = tmp.resolve("w.safetensors");
    SafetensorsWriter.write(f, t, Map.of());
    try (SafetensorsReader r = SafetensorsReader.open(f)) {
      float[] whole = read(r, "f");
      FloatBuffer f32 = r.readFloats("f", 0, 1001, 20);
      FloatBuffer bf16 = r.readFloats("b", 0, 1001, 7);
      float[] a = new float[v.length];
      float[] b = new float[v.length];
      f32.get(a);
      bf16.get(b);
      assertThat(a).containsExactly(whole).containsExactly(v);
      assertThat(b).containsExactly(read(r, "b"));
      FloatBuffer slice = r.readFloats("b", 500, 3);
      assertThat(new float[] {slice.get(), slice.get(), slice.get()})
          .containsExactly(b[500], b[501], b[502]);
      assertThatThrownBy(() -> r.readFloats("b", 1000, 2))
          .isInstanceOf(SafetensorsFormatException.class)
          .hasMessageContaining("outside");
    }
  }

  @Test
  void writesTensorsLongerThanOneWriteChunk() throws IOException {
    float[] v = new float[(1 << 20) + 3];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 256) * 0.5f;
    }
    Map<String, TensorData> t = new LinkedHashMap<>();
    t.put("f", TensorData.f32(v, v.length));
    t.put("b", new TensorData(DType.BF16, new long[] {v.length}, v));
    Path f = tmp.resolve("long.safetensors");
    SafetensorsWriter.write(f, t, Map.of());
    try (SafetensorsReader r = SafetensorsReader.open(f)) {
      assertThat(java.util.Arrays.equals(read(r, "f"), v)).isTrue();
      // multiples of 0.5 up to 127.5 need 8 significant bits: exact in BF16
      assertThat(java.util.Arrays.equals(read(r, "b"), v)).isTrue();
    }
  }

  @Test
  void readsATensorStoredBeyondTwoGibibytes() throws IOException {
    long gap = 3L << 30; // a sparse 3 GiB hole before the tensor
    String header =
        "{\"big\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":["
            + gap
            + ","
            + (gap + 16)
            + "]}}";
    byte[] hb = header.getBytes(StandardCharsets.UTF_8);
    Path f = tmp.resolve("big.safetensors");
    try (FileChannel ch =
        FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, hb.length));
      ch.write(ByteBuffer.wrap(hb));
      ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      data.asFloatBuffer().put(new float[] {1, 2, 3, 4});
      ch.write(data, 8 + hb.length + gap);
    }
    try (SafetensorsReader r = SafetensorsReader.open(f)) {
      assertThat(read(r, "big")).containsExactly(1, 2, 3, 4);
    }
  }

  @Test
  void malformedFilesAreTypedErrors() throws IOException {
    Path shortFile = Files.write(tmp.resolve("s.safetensors"), new byte[] {1, 2});
    assertThatThrownBy(() -> SafetensorsReader.open(shortFile))
        .isInstanceOf(SafetensorsFormatException.class);
    Path hugeHeader = tmp.resolve("h.safetensors");
    Files.write(
        hugeHeader,
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
    assertThatThrownBy(() -> SafetensorsReader.open(hugeHeader))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("header length");
    String bad = "{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,8]}}";
    Path inconsistent = tmp.resolve("i.safetensors");
    ByteBuffer buf = ByteBuffer.allocate(8 + bad.length() + 16).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(bad.length()).put(bad.getBytes(StandardCharsets.UTF_8));
    Files.write(inconsistent, buf.array());
    assertThatThrownBy(() -> SafetensorsReader.open(inconsistent))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("inconsistent");
    String i8 = "{\"x\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}";
    Path int8 = tmp.resolve("q.safetensors");
    ByteBuffer b2 = ByteBuffer.allocate(8 + i8.length() + 1).order(ByteOrder.LITTLE_ENDIAN);
    b2.putLong(i8.length()).put(i8.getBytes(StandardCharsets.UTF_8));
    Files.write(int8, b2.array());
    assertThatThrownBy(() -> SafetensorsReader.open(int8))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("unsupported dtype I8");
  }
}
