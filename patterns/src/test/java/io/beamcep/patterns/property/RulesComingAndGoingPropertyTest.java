package io.beamcep.patterns.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.engine.Matcher;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.yardstick.TimedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A rule's results do not depend on other rules coming and going: random rules over a random
 * stream give the same matches and timeouts whether the key keeps one matcher throughout or moves,
 * at random events, between it and matchers that also hold 70 rules that never start (which lay
 * the key out sparse instead of dense), with its state decoded from its bytes at some of the
 * moves. A longer run: -DcomingAndGoing.cases=20000 (and -Drandom.groupDepth=3).
 */
class RulesComingAndGoingPropertyTest {
  private static final int CASES = Integer.getInteger("comingAndGoing.cases", 2_000);
  private static final long FIRST_SEED = 20_261_207L;
  private static final int MAX_PARTIAL_MATCHES = 10_000;
  private static final int IDLE_RULES = 70;

  @Test
  void aRulesResultsAreTheSameWhateverOtherRulesCameAndWent() {
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    List<CompiledRule> idle = idleRules(compiler);
    int compared = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + CASES; seed++) {
      RandomPatterns random = new RandomPatterns(seed);
      Random pick = new Random(seed);
      List<CompiledRule> rules = random.compiledRules(compiler, 1 + pick.nextInt(3));
      if (rules.isEmpty()) {
        continue;
      }
      List<TimedEvent> events = random.events();
      Matcher alone = Matcher.of(rules, MAX_PARTIAL_MATCHES, rule -> true);
      List<CompiledRule> crowded = new ArrayList<>(rules);
      crowded.addAll(idle);

      OneKeyHost steady = new OneKeyHost(alone);
      OneKeyHost moving = new OneKeyHost(alone);
      StringBuilder moves = new StringBuilder();
      for (int i = 0; i < events.size(); i++) {
        if (pick.nextInt(4) == 0) {
          // a new matcher object each time: the key must sync as with a changed rule set
          moving.matcher = pick.nextBoolean()
              ? Matcher.of(rules, MAX_PARTIAL_MATCHES, rule -> true)
              : Matcher.of(crowded, MAX_PARTIAL_MATCHES, rule -> true);
          moves.append(' ').append(i).append(moving.matcher.rules().size() > rules.size()
              ? "+idle" : "");
          if (pick.nextBoolean()) {
            moving.reload();
            moves.append("(decoded)");
          }
        }
        steady.process(events.get(i));
        moving.process(events.get(i));
      }
      steady.fireAll();
      moving.fireAll();
      if (rules.stream().anyMatch(rule -> alone.partialMatchesDropped(rule.key()) > 0)) {
        continue; // which partial matches a limit drops depends on their queue's layout
      }
      String where = "seed " + seed + ", moves at" + moves;
      assertEquals(sorted(steady.results), sorted(moving.results), where);
      assertEquals(steady.state.isEmpty(), moving.state.isEmpty(), where);
      compared++;
    }
    assertTrue(compared > CASES / 2, compared + " of " + CASES + " seeds compared");
  }

  /** Rules of one node that takes events of a type the random streams never have. */
  private static List<CompiledRule> idleRules(RuleCompiler compiler) {
    List<CompiledRule> idle = new ArrayList<>();
    for (int i = 0; i < IDLE_RULES; i++) {
      idle.add(compiler.compile(RuleJson.parseRule("idle" + i, 1, """
          {"nodes": [{"name": "never", "type": "ATOMIC",
            "condition": {"type": "AVIATOR", "expression": "type == 'z'"}}]}
          """, null)));
    }
    return idle;
  }

  private static List<String> sorted(List<Match> results) {
    return results.stream().map(Match::toString).sorted().toList();
  }
}
