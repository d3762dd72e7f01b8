package io.beamcep.patterns;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A count that the threads sharing a compiled rule add to, and that hosts publish as a counter:
 * {@link #takeUnreported} hands each increment to exactly one caller, so the counters of several
 * workers, in one JVM or many, add up to what was counted. Publishing {@link #sum} as a gauge did
 * not: every worker set its JVM's whole count, a worker that read it before another's increment
 * could set it last, and a job's figure was the last reporting worker's JVM, not the job's.
 */
public final class SharedCount implements Serializable {
  private final LongAdder count = new LongAdder();
  private final AtomicLong reported = new AtomicLong();

  public void increment() {
    count.increment();
  }

  public void add(long n) {
    count.add(n);
  }

  /** Everything counted so far. */
  public long sum() {
    return count.sum();
  }

  /**
   * What was counted since the last call (by any thread), now marked reported; 0 when nothing was.
   * Cheap when nothing was counted: two reads, no write, as hosts ask after every element.
   */
  public long takeUnreported() {
    while (true) {
      long taken = reported.get();
      // a sum taken while other threads add may miss their increments, never count one twice:
      // what it misses stays unreported for a later call
      long counted = count.sum();
      if (counted <= taken) {
        return 0;
      }
      if (reported.compareAndSet(taken, counted)) {
        return counted - taken;
      }
    }
  }
}
