package io.beamcep.patterns.bench;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.engine.Matcher;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a production rule table costs per key and per event: the five seed rules, which keep most
 * keys holding a partial match (rule 5 waits 7 days), together with 0, 100 and 1,000 rules on
 * products of their own ({@link ProductRulesCost}'s, written as expressions), over the benchmark's
 * stream without timeouts. Per table: events per CPU-second (best of three passes), the heap the
 * key states hold at the end of a pass (used heap after a full collection, after minus before)
 * and their serialized bytes, per key holding state. Then the same table under a host that keeps
 * each key as bytes (as a state backend on disk does), decoding the key before each event and
 * encoding it after, over the stream's first {@value #DECODED_EVENTS} events. A diagnostic, not
 * the benchmark: {@code BENCH_MAIN=io.beamcep.patterns.bench.RuleTableCost patterns/bench.sh
 * [users]}; {@code -Dtable.products=0,100} other table sizes.
 */
public final class RuleTableCost {
  private static final int DECODED_EVENTS = 200_000;

  private RuleTableCost() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int[] counts = Arrays.stream(System.getProperty("table.products", "0,100,1000").split(","))
        .mapToInt(count -> Integer.parseInt(count.trim())).toArray();
    ClickStreamGenerator stream =
        ClickStreamGenerator.builder().seed(42).events(1_000_000).users(users).build();
    System.out.printf(Locale.ROOT, "1,000,000 events, %,d users, seed 42, no timeouts; the five "
        + "seed rules and rules on products of their own%n", users);
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    for (int products : counts) {
      List<CompiledRule> rules = new ArrayList<>(SeedRules.compiled());
      for (int p = 0; p < products; p++) {
        String productId = Long.toString(1_000_000L + p);
        rules.add(compiler.compile(RuleJson.parseRule(String.format("product%04d", p), 1,
            ProductRulesCost.pattern(ProductRulesCost.startCondition("expressions", productId)),
            null)));
      }
      EngineWorkload workload = new EngineWorkload(rules, stream, false);
      double best = 0;
      for (int pass = 0; pass < 3; pass++) {
        best = Math.max(best, TimedPass.run(1_000_000, workload::run).rate());
      }
      long before = heapUsedAfterCollection();
      EngineWorkload.Result result = workload.run();
      long held = heapUsedAfterCollection() - before;
      EngineWorkload.StateSummary state = result.stateSummary();
      System.out.printf(Locale.ROOT, "%5d rules: %,10.0f events per CPU-second (%,7.1f ns per "
              + "event), %,d matches; %,d keys holding state: %,.0f heap bytes and %,.1f "
              + "serialized bytes per key%n",
          rules.size(), best, 1e9 / best, result.matches(), state.keysWithState(),
          (double) held / state.keysWithState(), state.bytesPerKeyWithState());
      double decoded = 0;
      long decodedMatches = 0;
      long decodedGarbage = 0;
      for (int pass = 0; pass < 2; pass++) {
        TimedPass<Long> timed = TimedPass.run(DECODED_EVENTS,
            () -> decodedEachEvent(Matcher.of(rules, Integer.MAX_VALUE, rule -> false),
                workload.recorded()));
        decoded = Math.max(decoded, timed.rate());
        decodedMatches = timed.result();
        decodedGarbage = timed.bytesPerEvent();
      }
      System.out.printf(Locale.ROOT, "%5d rules, each key decoded before and encoded after each "
              + "of %,d events: %,10.0f events per CPU-second (%,9.1f ns per event), %,d "
              + "matches, %,d allocated bytes per event%n",
          rules.size(), DECODED_EVENTS, decoded, 1e9 / decoded, decodedMatches, decodedGarbage);
    }
  }

  /**
   * The first {@link #DECODED_EVENTS} events of {@code stream}, each key kept as its bytes between
   * its events (none once empty); no timers: a window closing unobserved is closed by the key's
   * next event. Returns the matches.
   */
  private static long decodedEachEvent(Matcher matcher, RecordedStream stream) {
    Map<String, byte[]> stored = new HashMap<>();
    List<Match> out = new ArrayList<>();
    long matches = 0;
    for (int i = 0; i < DECODED_EVENTS; i++) {
      byte[] bytes = stored.get(stream.keys[i]);
      KeyState state = bytes == null ? KeyState.empty() : KeyState.fromBytes(bytes);
      out.clear();
      matcher.process(state, stream.events[i], stream.timestamps[i], out);
      matches += out.size();
      if (state.isEmpty()) {
        stored.remove(stream.keys[i]);
      } else {
        stored.put(stream.keys[i], state.toBytes());
      }
    }
    return matches;
  }

  private static long heapUsedAfterCollection() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
