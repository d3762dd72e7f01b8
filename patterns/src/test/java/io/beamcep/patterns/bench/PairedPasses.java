package io.beamcep.patterns.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of the engine in one JVM, passes over the same 1M-event stream taken in turns (the
 * first of each pair alternates). On a shared 2-core machine the speed of a memory-bound pass
 * swings by a third from one pass to the next, in separate JVMs and in one; taken in pairs, both
 * builds meet the same swings, so the ratio of a pair is the figure to read.
 *
 * <p>Usage: {@code PairedPasses BEFORE_CHECKOUT AFTER_CHECKOUT PAIRS}, each checkout built with
 * {@code patterns/bench.sh}'s first two steps (classes, test classes, target/bench-classpath.txt).
 * Each build gets its own class loader, so nothing is shared but the JVM. See bench-pairs.sh.
 */
public final class PairedPasses {
  private static final long EVENTS = 1_000_000;
  private static final int USERS = Integer.getInteger("bench.users", 50_000);
  private static final long SEED = 42;
  /** Whether timeouts are made: -Dbench.timeouts=false runs the seed rules as the pipeline does. */
  private static final boolean TIMEOUTS =
      Boolean.parseBoolean(System.getProperty("bench.timeouts", "true"));
  private static final int WARM_UP_PAIRS = 2;

  private PairedPasses() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "usage: PairedPasses BEFORE_CHECKOUT AFTER_CHECKOUT PAIRS");
    }
    int pairs = Integer.parseInt(args[2]);
    if (pairs <= WARM_UP_PAIRS) {
      throw new IllegalArgumentException(
          "PAIRS must exceed the " + WARM_UP_PAIRS + " warm-up pairs");
    }
    // Each build generates its own copy of the stream, and the copy made first sits elsewhere in
    // the heap than the second: three A/A runs of one build against itself favoured the build
    // made second (48 of 70 pairs). -Dbench.afterFirst=true makes the after build first, so a run
    // in each order can tell a change from the order.
    boolean afterFirst = Boolean.getBoolean("bench.afterFirst");
    int first = afterFirst ? 1 : 0;
    Build[] builds = new Build[2];
    builds[first] = new Build(Path.of(args[first]));
    builds[1 - first] = new Build(Path.of(args[1 - first]));
    System.out.println(afterFirst ? "after build made first" : "before build made first");
    double[][] rates = new double[2][pairs];
    for (int pair = 0; pair < pairs; pair++) {
      for (int turn = 0; turn < 2; turn++) {
        int which = pair % 2 == 0 ? turn : 1 - turn;
        rates[which][pair] = builds[which].pass();
      }
      System.out.printf(Locale.ROOT, "pair %d: before %,.0f  after %,.0f events/s%n", pair,
          rates[0][pair], rates[1][pair]);
    }
    double[] ratios = new double[pairs - WARM_UP_PAIRS];
    for (int pair = WARM_UP_PAIRS; pair < pairs; pair++) {
      ratios[pair - WARM_UP_PAIRS] = rates[1][pair] / rates[0][pair];
    }
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT, "before median %,.0f, after median %,.0f events/s%n",
        median(rates[0]), median(rates[1]));
    System.out.printf(Locale.ROOT, "after / before, per pair: median %.3f (min %.3f, max %.3f) "
        + "over %d pairs after %d warm-up pairs%n", ratios[ratios.length / 2], ratios[0],
        ratios[ratios.length - 1], ratios.length, WARM_UP_PAIRS);
    int faster = 0;
    for (double ratio : ratios) {
      if (ratio > 1) {
        faster++;
      }
    }
    System.out.printf(Locale.ROOT, "after faster in %d of %d pairs; sign test, two-sided p = %.2g "
        + "(how often a change that does nothing splits the pairs at least this unevenly)%n",
        faster, ratios.length, signTest(faster, ratios.length));
  }

  /** Two-sided binomial sign test: P(a split at least as uneven as k of n | p = 1/2). */
  static double signTest(int k, int n) {
    int extreme = Math.min(k, n - k);
    double tail = 0;
    double choose = 1; // C(n, i), built up from C(n, 0)
    for (int i = 0; i <= extreme; i++) {
      tail += choose;
      choose = choose * (n - i) / (i + 1);
    }
    return Math.min(1.0, 2 * tail / Math.pow(2, n));
  }

  private static double median(double[] rates) {
    double[] measured = Arrays.copyOfRange(rates, WARM_UP_PAIRS, rates.length);
    Arrays.sort(measured);
    return measured[measured.length / 2];
  }

  /** One checkout's engine and bench host, loaded on their own, with the stream generated. */
  private static final class Build {
    private final Object workload;
    private final Method run;
    private final Method events;

    Build(Path checkout) throws Exception {
      List<URL> urls = new ArrayList<>();
      urls.add(checkout.resolve("patterns/target/classes").toUri().toURL());
      urls.add(checkout.resolve("patterns/target/test-classes").toUri().toURL());
      String classpath =
          Files.readString(checkout.resolve("patterns/target/bench-classpath.txt")).trim();
      for (String jar : classpath.split(java.io.File.pathSeparator)) {
        urls.add(Path.of(jar).toUri().toURL());
      }
      ClassLoader loader =
          new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
      Class<?> type = loader.loadClass("io.beamcep.patterns.bench.EngineWorkload");
      Method seedRules = type.getDeclaredMethod(
          "seedRules", long.class, int.class, long.class, boolean.class);
      seedRules.setAccessible(true);
      workload = seedRules.invoke(null, EVENTS, USERS, SEED, TIMEOUTS);
      run = type.getDeclaredMethod("run");
      run.setAccessible(true);
      events = run.getReturnType().getDeclaredMethod("events");
      events.setAccessible(true);
    }

    /** One pass from empty state, in events per wall-clock second. */
    double pass() throws Exception {
      long start = System.nanoTime();
      Object result = run.invoke(workload);
      long elapsed = System.nanoTime() - start;
      return (long) events.invoke(result) / (elapsed / 1e9);
    }
  }
}
