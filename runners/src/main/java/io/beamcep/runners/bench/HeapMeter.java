package io.beamcep.runners.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap of this JVM across a run: the sum of the heap pools' peak usage since the last reset.
 * Both engines run embedded in this JVM, so the figure covers the whole engine, framework included.
 */
final class HeapMeter {
  private HeapMeter() {}

  static void reset() {
    System.gc(); // so the previous run's garbage does not count against this one
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  static long peakBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
