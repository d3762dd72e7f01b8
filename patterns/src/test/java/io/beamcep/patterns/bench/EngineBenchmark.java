package io.beamcep.patterns.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine alone, one thread: the five seed rules (SKIP_PAST_LAST_EVENT) over a pre-generated
 * synthetic click stream keyed by user. One benchmark operation is one pass over the whole stream
 * from empty state; the {@code events} counter reports the same work as events per second, the
 * figure to compare with the 1,000,000 events/s per core target. {@code lookup} says how the host
 * finds each event's key state: {@code HASH_MAP} as a Flink or Beam host does (the headline), or
 * {@code DENSE_INDEX}, the engine alone (see {@link EngineWorkload.KeyLookup}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
// AlwaysPreTouch: the heap is committed but untouched, and without it the fork first-touches its
// pages (about 400,000 page faults) through warm-up and well into the measured iterations, a cost
// a long-running task manager paid once at start (see BENCHMARKS.md, "Session 20")
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class EngineBenchmark {
  @Param({"1000000"})
  public long events;

  @Param({"50000"})
  public int users;

  @Param({"42"})
  public long seed;

  /** A {@link EngineWorkload.KeyLookup} by name (JMH's generated code sees public types only). */
  @Param({"HASH_MAP", "DENSE_INDEX"})
  public String lookup;

  /**
   * Whether timed-out partial matches are made (true, the figure of every earlier session) or only
   * dropped, as the pipeline runs the seed rules, whose function emits no timeouts: {@code -p
   * timeouts=false}.
   */
  @Param({"true"})
  public boolean timeouts;

  private EngineWorkload.KeyLookup keyLookup;

  private EngineWorkload workload;

  /** Counts events processed, reported by JMH as a rate next to the pass rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Processed {
    public long events;

    @Setup(Level.Iteration)
    public void reset() {
      events = 0;
    }
  }

  @Setup(Level.Trial)
  public void generate() {
    workload = EngineWorkload.seedRules(events, users, seed, timeouts);
    keyLookup = EngineWorkload.KeyLookup.valueOf(lookup);
  }

  @Benchmark
  public EngineWorkload.Result wholeStream(Processed processed) {
    EngineWorkload.Result result = workload.run(keyLookup);
    processed.events += result.events();
    return result;
  }
}
