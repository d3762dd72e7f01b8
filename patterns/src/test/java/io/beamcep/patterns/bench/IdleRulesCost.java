package io.beamcep.patterns.bench;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each further rule costs per event when a rule set grows: 1, 5 and 25 copies of one seed
 * rule (each under its own id, as a rule table holding variants of one alert would), over the
 * benchmark's stream, timed in CPU time (best of three passes), twice over. Seed rule 2 (a cart
 * over 200 followed by a purchase) is the default: most keys hold nothing for it most of the
 * time, so its copies measure what a rule costs that the event does not concern, which is most
 * rules of a large rule set. A diagnostic, not the benchmark: {@code
 * BENCH_MAIN=io.beamcep.patterns.bench.IdleRulesCost patterns/bench.sh [users] [rule id]}.
 */
public final class IdleRulesCost {
  private static final int[] COPIES = {1, 5, 25};

  private IdleRulesCost() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    String ruleId = args.length > 1 ? args[1] : "2";
    Rule seed = RuleJson.parseRuleRows(SeedRules.rowsJson(SeedRules.testdataDirectory())).stream()
        .filter(rule -> rule.id().equals(ruleId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no seed rule " + ruleId));
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    ClickStreamGenerator stream =
        ClickStreamGenerator.builder().seed(42).events(1_000_000).users(users).build();
    System.out.printf(Locale.ROOT,
        "1,000,000 events, %,d users, seed 42, no timeouts; copies of seed rule %s%n", users,
        ruleId);
    for (int round = 0; round < 2; round++) {
      for (int copies : COPIES) {
        List<CompiledRule> rules = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
          rules.add(compiler.compile(new Rule("copy" + copy, 1, seed.pattern(), null)));
        }
        EngineWorkload workload = new EngineWorkload(rules, stream, false);
        double best = 0;
        for (int pass = 0; pass < 3; pass++) {
          best = Math.max(best, TimedPass.run(1_000_000, workload::run).rate());
        }
        System.out.printf(Locale.ROOT, "%2d copies: %,11.0f events per CPU-second, %7.1f ns per "
            + "event%n", copies, best, 1e9 / best);
      }
    }
  }
}
