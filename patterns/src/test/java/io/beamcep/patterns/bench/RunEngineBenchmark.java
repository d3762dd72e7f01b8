package io.beamcep.patterns.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link EngineBenchmark} and first prints what one pass leaves in state (keys, partial
 * matches, serialized bytes per key, heap bytes per key), which JMH cannot report. Arguments are
 * JMH's own, e.g. {@code -p events=200000 -p users=10000 -wi 1 -i 2 -f 1}; {@code -h} lists
 * them. A benchmark name (e.g. {@code GeneratorBenchmark}) runs that one instead, without the
 * summary. Use {@code patterns/bench.sh}, which builds the classpath.
 */
public final class RunEngineBenchmark {
  private RunEngineBenchmark() {}

  public static void main(String[] args) throws RunnerException, java.io.IOException {
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println("bad benchmark option: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (cli.shouldHelp()) {
      cli.showHelp();
      return;
    }
    OptionsBuilder options = new OptionsBuilder();
    options.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      // No benchmark named: the engine benchmark, with its state summary first.
      long events = Long.parseLong(param(cli, "events", "1000000"));
      int users = Integer.parseInt(param(cli, "users", "50000"));
      long seed = Long.parseLong(param(cli, "seed", "42"));
      printStateSummary(events, users, seed);
      options.include(EngineBenchmark.class.getName() + ".*");
    }
    new Runner(options.build()).run();
  }

  private static String param(CommandLineOptions cli, String name, String fallback) {
    return cli.getParameter(name).hasValue() && !cli.getParameter(name).get().isEmpty()
        ? cli.getParameter(name).get().iterator().next()
        : fallback;
  }

  static void printStateSummary(long events, int users, long seed) {
    long start = System.nanoTime();
    EngineWorkload workload = EngineWorkload.seedRules(events, users, seed);
    long heapBefore = heapUsedAfterCollection();
    long generated = System.nanoTime();
    EngineWorkload.Result result = workload.run();
    long ran = System.nanoTime();
    // the pre-generated events were already counted before the pass: the difference is what the
    // key states hold (with the events they buffer), the live data a host's collector copies
    long heapHeld = heapUsedAfterCollection() - heapBefore;
    EngineWorkload.StateSummary state = result.stateSummary();
    System.out.printf(Locale.ROOT,
        "# one cold pass (not the benchmark figure): %,d events, %,d users, seed %d%n",
        events, users, seed);
    System.out.printf(Locale.ROOT,
        "#   generation %.1f s, engine %.1f s (%.0f events/s cold, JIT warming up)%n",
        (generated - start) / 1e9, (ran - generated) / 1e9, events / ((ran - generated) / 1e9));
    System.out.printf(Locale.ROOT, "#   matches %,d, timeouts %,d%n",
        result.matches(), result.timeouts());
    System.out.printf(Locale.ROOT,
        "#   keys seen %,d; keys holding state at the end %,d; with partial matches %,d"
            + " (%,d partial matches)%n",
        state.keysSeen(), state.keysWithState(), state.keysWithPartialMatches(),
        state.partialMatches());
    System.out.printf(Locale.ROOT,
        "#   state bytes (KeyState.toBytes): total %,d; per key with partial matches"
            + " %.1f; per key holding state %.1f; per key seen %.1f%n",
        state.totalBytes(), state.bytesPerKeyWithPartialMatches(), state.bytesPerKeyWithState(),
        state.bytesPerKeySeen());
    System.out.printf(Locale.ROOT,
        "#   heap held by the key states (used heap after a full collection, after"
            + " minus before the pass): %.1f MB, %.0f bytes per key holding state%n",
        heapHeld / 1e6,
        state.keysWithState() == 0 ? 0.0 : (double) heapHeld / state.keysWithState());
  }

  private static long heapUsedAfterCollection() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
