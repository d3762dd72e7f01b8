package io.beamcep.patterns.bench;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import java.util.List;
import java.util.Locale;

/**
 * Our engine and Flink CEP 1.19's NFA, engine against engine: the five seed rules over the same
 * synthetic stream, rounds of one pass each, alternating in one JVM, timed in CPU time of the
 * running thread, with the bytes each pass allocated per event. A diagnostic beside the JMH
 * benchmark: {@code BENCH_MAIN=io.beamcep.patterns.bench.FlinkNfaCost patterns/bench.sh
 * [events [users [rounds]]]}.
 */
public final class FlinkNfaCost {
  private FlinkNfaCost() {}

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<CompiledRule> rules = SeedRules.compiled();
    EngineWorkload ours = new EngineWorkload(rules, stream(events, users));
    FlinkNfaWorkload flink = new FlinkNfaWorkload(rules, stream(events, users));
    System.out.printf(Locale.ROOT,
        "%,d events, %,d users, seed 42, five seed rules (SKIP_PAST_LAST_EVENT); per pass: "
            + "events per CPU-second, matches, timeouts, allocated bytes per event%n",
        events, users);
    System.out.println("| round | ours | ours: matches / timeouts / B per event "
        + "| Flink CEP NFA | Flink: matches / timeouts / B per event | ours / Flink |");
    System.out.println("|---|---|---|---|---|---|");
    for (int round = 1; round <= rounds; round++) {
      TimedPass<EngineWorkload.Result> our = TimedPass.run(events, ours::run);
      TimedPass<FlinkNfaWorkload.Result> their = TimedPass.run(events, flink::run);
      System.out.printf(Locale.ROOT,
          "| %d | %,.0f | %,d / %,d / %,d | %,.0f | %,d / %,d / %,d | %.1f |%n",
          round, our.rate(), our.result().matches(), our.result().timeouts(), our.bytesPerEvent(),
          their.rate(), their.result().matches(), their.result().timeouts(), their.bytesPerEvent(),
          our.rate() / their.rate());
    }
  }

  private static ClickStreamGenerator stream(long events, int users) {
    return ClickStreamGenerator.builder().seed(42).events(events).users(users).build();
  }
}
