package org.hearth.finetune.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak memory: the process's resident high-water mark (Linux VmHWM) and sampled JVM heap. */
final class MemoryMeter {
  private long peakHeap;

  void sample() {
    Runtime rt = Runtime.getRuntime();
    peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
  }

  long peakHeapBytes() {
    return peakHeap;
  }

  /** VmHWM of this process in bytes, -1 when not on Linux. */
  static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
