package io.beamcep.patterns.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The benchmark's workload (five seed rules, 1M events, seed 42), pass after pass in one JVM, each
 * timed in the running thread's CPU time with the bytes it allocated: the loop to attach a
 * profiler to, or to compare JVM settings on, without JMH's forks. A diagnostic, not the
 * benchmark: {@code BENCH_MAIN=io.beamcep.patterns.bench.WorkloadPasses patterns/bench.sh [users]
 * [passes]}, JVM options in {@code BENCH_JAVA_OPTS}; {@code -Dbench.timeouts=false} and {@code
 * -Dbench.lookup=DENSE_INDEX} there run the workload without timeouts or without the hash map.
 */
public final class WorkloadPasses {
  private WorkloadPasses() {}

  /**
   * Milliseconds every collector has spent so far. The pass's CPU time leaves out the pauses (the
   * thread is stopped, not running), while JMH's wall clock includes them: garbage the engine no
   * longer makes shows only in the latter.
   */
  private static long collectionMillis() {
    long millis = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, collector.getCollectionTime());
    }
    return millis;
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    // as in PairedPasses: -Dbench.timeouts=false runs the seed rules as the pipeline does
    boolean timeouts = Boolean.parseBoolean(System.getProperty("bench.timeouts", "true"));
    EngineWorkload.KeyLookup lookup = EngineWorkload.KeyLookup.valueOf(
        System.getProperty("bench.lookup", EngineWorkload.KeyLookup.HASH_MAP.name()));
    EngineWorkload workload = EngineWorkload.seedRules(1_000_000, users, 42, timeouts);
    String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName)
        .collect(Collectors.joining(" + "));
    System.out.printf(Locale.ROOT, "%,d events, %,d users, seed 42, timeouts %s, keys by %s, %s%n",
        workload.size(), users, timeouts ? "made" : "not made", lookup, collectors);
    for (int pass = 1; pass <= passes; pass++) {
      long gcBefore = collectionMillis();
      long wallBefore = System.nanoTime();
      TimedPass<EngineWorkload.Result> timed =
          TimedPass.run(workload.size(), () -> workload.run(lookup));
      double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
      long gcMillis = collectionMillis() - gcBefore;
      System.out.printf(Locale.ROOT,
          "pass %d: %,.0f events per CPU-second, %,.0f per wall-clock second (%.1f %% of it in "
              + "collections), %,d matches, %,d allocated bytes per event%n",
          pass, timed.rate(), workload.size() / wallSeconds, gcMillis / 10.0 / wallSeconds,
          timed.result().matches(), timed.bytesPerEvent());
    }
  }
}
