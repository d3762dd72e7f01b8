package io.beamcep.patterns.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.yardstick.FlinkPatternTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.State;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.junit.jupiter.api.Test;

/**
 * Our automaton's states carry the names Flink CEP 1.19's compiler gives its states ({@code a},
 * {@code a:0}, {@code a:1}, ...), on random rules. The names are what a stored key state refers
 * to its partial matches' states by, so the compiler may never rename a state: a state restored
 * from an older build must find its automaton state again.
 */
class StateNamesParityTest {
  private static final int CASES = Integer.getInteger("names.cases", 3_000);
  private static final long FIRST_SEED = 77_000L;

  @Test
  void ourStatesAreNamedAsFlinksAre() {
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    List<String> differences = new ArrayList<>();
    int compared = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + CASES && differences.size() < 5; seed++) {
      Graph pattern = new RandomPatterns(seed).pattern();
      // which rules are refused is the parity tests' subject: here only rules both compile
      CompiledRule ours;
      try {
        ours = compiler.compile(new Rule("names", 1, pattern, null));
      } catch (RuleException refused) {
        continue;
      }
      NFA<Event> flink;
      try {
        flink = NFACompiler.compileFactory(
            FlinkPatternTranslator.withDefaultConditions().translate(pattern), false).createNFA();
      } catch (RuntimeException refused) {
        continue;
      }
      TreeSet<String> ourNames = new TreeSet<>();
      ours.automaton().states().forEach(state -> ourNames.add(state.name()));
      TreeSet<String> flinkNames = new TreeSet<>();
      for (State<Event> state : flink.getStates()) {
        flinkNames.add(state.getName());
      }
      compared++;
      if (!ourNames.equals(flinkNames)) {
        differences.add("seed " + seed + ": ours " + ourNames + ", Flink " + flinkNames);
      }
    }
    assertEquals(List.of(), differences);
    assertTrue(compared > CASES / 2, "only " + compared + " rules compiled by both");
  }
}
