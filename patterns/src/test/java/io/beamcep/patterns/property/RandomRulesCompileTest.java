package io.beamcep.patterns.property;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.nfa.Action;
import io.beamcep.patterns.nfa.State;
import io.beamcep.patterns.nfa.Transition;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Many more random rules than the parity test can run through Flink, compiled only: every rule is
 * either refused with a RuleException or compiles to an automaton the matcher can always finish
 * an event on, one with no way to move between states forever without taking an event (a cycle
 * of PROCEED edges, which Flink CEP follows until it runs out of memory). A rule row must never
 * take the job down, whatever its shape.
 */
class RandomRulesCompileTest {
  private static final int CASES = Integer.getInteger("compile.cases", 60_000);
  private static final long FIRST_SEED = Long.getLong("compile.firstSeed", 0L);

  @Test
  void everyRandomRuleIsRefusedOrCompilesToAnAutomatonThatAlwaysFinishes() {
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    List<String> failures = new ArrayList<>();
    int compiled = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + CASES && failures.size() < 5; seed++) {
      Graph pattern = new RandomPatterns(seed).pattern();
      try {
        CompiledRule rule = compiler.compile(new Rule("random", 1, pattern, null));
        compiled++;
        if (proceedsInACircle(rule.automaton().states())) {
          failures.add("seed " + seed + " compiles to a PROCEED cycle: " + RuleJson.toJson(pattern));
        }
      } catch (RuleException refused) {
        // a clear refusal is fine
      } catch (RuntimeException | StackOverflowError crash) {
        failures.add("seed " + seed + " crashed the compiler: " + crash + "\n  "
            + RuleJson.toJson(pattern));
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    int enough = CASES / 2;
    assertTrue(compiled > enough, "only " + compiled + " of " + CASES + " rules compiled");
  }

  private static boolean proceedsInACircle(List<State> states) {
    Map<State, Boolean> onPath = new IdentityHashMap<>();
    for (State state : states) {
      if (proceedsBackInto(state, onPath)) {
        return true;
      }
    }
    return false;
  }

  /** Depth-first over PROCEED edges: true when one leads back to a state still on the path. */
  private static boolean proceedsBackInto(State state, Map<State, Boolean> onPath) {
    Boolean visiting = onPath.get(state);
    if (visiting != null) {
      return visiting;
    }
    onPath.put(state, true);
    for (Transition edge : state.transitionArray()) {
      if (edge.action() == Action.PROCEED && proceedsBackInto(edge.target(), onPath)) {
        return true;
      }
    }
    onPath.put(state, false);
    return false;
  }
}
