package io.beamcep.patterns.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/**
 * One pass of a workload on the running thread: its result, its events per CPU-second (the figure
 * that stays meaningful on a shared machine) and the bytes it allocated per event (HotSpot's
 * extension of the thread bean counts them exactly).
 */
record TimedPass<R>(R result, double rate, long bytesPerEvent) {
  static <R> TimedPass<R> run(long events, Callable<R> pass) throws Exception {
    ThreadMXBean thread = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = thread.getCurrentThreadAllocatedBytes();
    long cpu = thread.getCurrentThreadCpuTime();
    R result = pass.call();
    double rate = events / ((thread.getCurrentThreadCpuTime() - cpu) / 1e9);
    long bytes = thread.getCurrentThreadAllocatedBytes() - allocated;
    return new TimedPass<>(result, rate, bytes / events);
  }
}
