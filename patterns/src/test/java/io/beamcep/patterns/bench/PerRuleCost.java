package io.beamcep.patterns.bench;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the engine's time goes, rule by rule: the same workload as {@link EngineBenchmark} with no
 * rule, each seed rule alone, then all five, timed in CPU time of the running thread (best of three
 * passes), so the figure stays meaningful on a shared machine where wall-clock rates are not, and
 * the bytes it allocated per event (last pass; the garbage that drives a host's GC pauses). A
 * diagnostic, not the benchmark: {@code BENCH_MAIN=io.beamcep.patterns.bench.PerRuleCost
 * patterns/bench.sh [events]}.
 */
public final class PerRuleCost {
  private PerRuleCost() {}

  public static void main(String[] args) {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    // HotSpot's extension counts the bytes a thread allocated: garbage per event, exact
    com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) cpu;
    List<CompiledRule> rules = SeedRules.compiled();
    List<List<CompiledRule>> sets = new ArrayList<>();
    sets.add(List.of());
    rules.forEach(rule -> sets.add(List.of(rule)));
    sets.add(rules);
    System.out.printf(Locale.ROOT,
        "%,d events, 50,000 users, seed 42; events/s per CPU-second, best of 3%n", events);
    System.out.println("| rules | events/s (CPU) | matches | timeouts | keys with state "
        + "| partial matches | bytes/key with partial matches | allocated bytes/event |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (List<CompiledRule> set : sets) {
      EngineWorkload workload =
          new EngineWorkload(set, ClickStreamGenerator.builder().events(events).build());
      double best = 0;
      long allocated = 0;
      EngineWorkload.Result result = null;
      for (int pass = 0; pass < 3; pass++) {
        long allocatedBefore = allocation.getCurrentThreadAllocatedBytes();
        long start = cpu.getCurrentThreadCpuTime();
        result = workload.run();
        allocated = allocation.getCurrentThreadAllocatedBytes() - allocatedBefore;
        best = Math.max(best, events / ((cpu.getCurrentThreadCpuTime() - start) / 1e9));
      }
      EngineWorkload.StateSummary state = result.stateSummary();
      String name = set.isEmpty() ? "none (host loop)"
          : set.size() == 1 ? "rule " + set.get(0).key().id() : "all five";
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %,d | %,d | %,d | %,d | %.0f | %,d |%n",
          name, best, result.matches(), result.timeouts(), state.keysWithState(),
          state.partialMatches(), state.bytesPerKeyWithPartialMatches(), allocated / events);
    }
  }
}
