package io.beamcep.runners.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this whole process: every thread, native ones included (RocksDB's). Both engines
 * run embedded in this JVM, so a run's figure covers engine, framework, compiler and collector.
 * On a machine a run keeps busy on every core it is a steadier measure than wall time, which
 * waits for whichever thread is last.
 */
final class ProcessCpu {
  private ProcessCpu() {}

  /** Nanoseconds of CPU so far, or -1 when this JVM does not tell. */
  static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
