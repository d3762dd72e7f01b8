package io.beamcep.patterns.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The machine's latency of one load that waits for the one before, over arrays of growing size: a
 * random cycle through an int array, each element the index of the next. Sessions run on
 * different virtual machines, and at 50,000 users most of the engine's misses leave the cache:
 * this says how far each one goes on the machine of the day (BENCHMARKS.md "Machine").
 * {@code BENCH_MAIN=io.beamcep.patterns.bench.MemoryLatency patterns/bench.sh [megabytes...]},
 * default 1 4 16 64 512 (the benchmark's heap is 2 GB: 512 MB fits).
 */
public final class MemoryLatency {
  private static final int LOADS = 20_000_000;

  private MemoryLatency() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {1, 4, 16, 64, 512}
        : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    for (int megabytes : sizes) {
      int[] next = randomCycle(megabytes * (1 << 20) / Integer.BYTES);
      double best = Double.MAX_VALUE;
      int at = 0;
      for (int round = 0; round < 5; round++) {
        long start = System.nanoTime();
        at = chase(next, at);
        best = Math.min(best, (System.nanoTime() - start) / (double) LOADS);
      }
      System.out.printf(Locale.ROOT,
          "%,d MB: %.1f ns per dependent load, best of 5 (ended at %d)%n", megabytes, best, at);
    }
  }

  /** Follows {@link #LOADS} links from {@code at}; a method of its own so it is compiled whole. */
  private static int chase(int[] next, int at) {
    for (int i = 0; i < LOADS; i++) {
      at = next[at];
    }
    return at;
  }

  /** An array whose elements, followed from 0, visit every index once in random order. */
  private static int[] randomCycle(int length) {
    int[] order = new int[length];
    for (int i = 0; i < length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(1);
    for (int i = length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int[] next = new int[length];
    for (int i = 0; i < length; i++) {
      next[order[i]] = order[(i + 1) % length];
    }
    return next;
  }
}
