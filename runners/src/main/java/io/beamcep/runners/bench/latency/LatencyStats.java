package io.beamcep.runners.bench.latency;

import java.util.Arrays;
import java.util.Locale;

/**
 * Percentiles of measured latencies in microseconds (nearest-rank, so every reported figure is a
 * latency that was actually observed).
 */
public record LatencyStats(
    long count, long p50, long p90, long p99, long p999, long max, long min) {

  static LatencyStats of(long[] latenciesMicros) {
    if (latenciesMicros.length == 0) {
      return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
    }
    long[] sorted = latenciesMicros.clone();
    Arrays.sort(sorted);
    return new LatencyStats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.90),
        rank(sorted, 0.99), rank(sorted, 0.999), sorted[sorted.length - 1], sorted[0]);
  }

  private static long rank(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Milliseconds with one decimal, the unit the latency target is stated in. */
  String row() {
    return String.format(
        Locale.ROOT,
        "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
        ms(p50),
        ms(p90),
        ms(p99),
        ms(p999),
        ms(max));
  }

  static double ms(long micros) {
    return micros / 1000.0;
  }
}
