package io.alertscoring.launcher.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples this JVM every 200 ms: used heap (MemoryMXBean) and resident set size ({@code
 * /proc/self/status} VmRSS); VmHWM gives the kernel's own peak.
 */
final class ResourceSampler implements AutoCloseable {
  private static final Path STATUS = Path.of("/proc/self/status");
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakHeap = new AtomicLong();
  private final AtomicLong peakRss = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  ResourceSampler() {
    thread = new Thread(this::loop, "bench-resource-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      sample();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void sample() {
    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    long rss = statusBytes("VmRSS:");
    if (rss > 0) {
      peakRss.accumulateAndGet(rss, Math::max);
    }
  }

  long peakHeapBytes() {
    return peakHeap.get();
  }

  long peakSampledRssBytes() {
    return peakRss.get();
  }

  /** The kernel's peak resident set size of this process (VmHWM), or -1 off Linux. */
  static long peakRssBytes() {
    return statusBytes("VmHWM:");
  }

  static long heapMaxBytes() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
  }

  private static long statusBytes(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field)) {
          String[] parts = line.substring(field.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024; // kB
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    sample();
  }
}
