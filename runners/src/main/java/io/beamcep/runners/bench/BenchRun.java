package io.beamcep.runners.bench;

import java.util.Locale;

/**
 * One engine's run: what the report prints and the CSV keeps. {@code cpuNanos} is the process's
 * CPU over the run ({@link ProcessCpu}), -1 when unknown; the CSV leaves it out, so that files
 * appended to before it keep one layout.
 */
record BenchRun(String engine, String runner, long events, long matches, long wallNanos,
    long cpuNanos, long peakHeapBytes) {

  static final String HEADER = String.format(Locale.ROOT,
      "%-10s %-12s %12s %10s %9s %9s %12s %14s",
      "engine", "runner", "events", "alerts", "wall s", "cpu s", "events/s", "peak heap MB");
  static final String CSV_HEADER =
      "engine,runner,events,users,rules,parallelism,alerts,wall_s,events_per_s,peak_heap_mb";

  double seconds() {
    return wallNanos / 1e9;
  }

  double eventsPerSecond() {
    return events / seconds();
  }

  String row() {
    return String.format(Locale.ROOT, "%-10s %-12s %,12d %,10d %9.2f %9s %,12.0f %,14.0f", engine,
        runner, events, matches, seconds(),
        cpuNanos < 0 ? "-" : String.format(Locale.ROOT, "%.2f", cpuNanos / 1e9),
        eventsPerSecond(), peakHeapBytes / 1048576.0);
  }

  String csv(int users, int rules, int parallelism) {
    return String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%d,%.3f,%.0f,%.0f", engine, runner,
        events, users, rules, parallelism, matches, seconds(), eventsPerSecond(),
        peakHeapBytes / 1048576.0);
  }
}
