package io.beamcep.patterns.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.nfa.DecisionTree;
import io.beamcep.patterns.nfa.Guard;
import io.beamcep.patterns.nfa.Moves;
import io.beamcep.patterns.nfa.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A state's decision tree gives what walking the state gives, for any answers of its leaf
 * conditions, and asks for the same leaves in the same order (the first time each is asked: the
 * matcher memoizes an event-only leaf's answer per event, so later asks test nothing). Random
 * rules, and per state with a tree random answers per leaf.
 */
class DecisionTreePropertyTest {
  private static final int CASES = Integer.getInteger("trees.cases", 2_000);
  private static final int ANSWERS_PER_STATE = 16;
  private static final long FIRST_SEED = 91_000L;

  @Test
  void treesDecideAsTheWalkDoesAndAskTheSameGuards() {
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    Random answers = new Random(FIRST_SEED);
    int treesChecked = 0;
    int statesWalkedInstead = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + CASES; seed++) {
      CompiledRule rule;
      try {
        rule = compiler.compile(new Rule("trees", 1, new RandomPatterns(seed).pattern(), null));
      } catch (RuleException refused) {
        continue;
      }
      for (State state : rule.automaton().states()) {
        DecisionTree tree = state.decisionTree();
        if (tree == null) {
          statesWalkedInstead++;
          continue;
        }
        treesChecked++;
        for (int round = 0; round < ANSWERS_PER_STATE; round++) {
          Map<Integer, Boolean> given = new HashMap<>();
          long roundSeed = answers.nextLong();
          Asked walked = new Asked(given, roundSeed);
          Moves expected = new Moves();
          expected.walk(state, walked, new ArrayDeque<>());
          given.clear();
          Asked followed = new Asked(given, roundSeed);
          Moves actual = tree.decide(followed);
          String where = "seed " + seed + ", state " + state.name() + ", round " + round;
          assertEquals(describe(expected), describe(actual), where);
          assertEquals(walked.order, followed.order, where + ": guards asked");
        }
      }
    }
    assertTrue(treesChecked > 1_000, "only " + treesChecked + " states had a tree");
    System.out.printf("decision trees: %,d states checked, %,d states walk%n", treesChecked,
        statesWalkedInstead);
  }

  /**
   * Answers each leaf condition the same way every time within a round (as the per-event memo
   * does; leaves sharing a memo slot have equal conditions), from a generator seeded per round and
   * advanced in the order leaves are first asked, and records that order. A negation or
   * conjunction is answered through its parts, as the matcher tests it.
   */
  private static final class Asked implements Moves.GuardTest {
    private final Map<Integer, Boolean> given;
    private final Random random;
    final List<String> order = new ArrayList<>();

    Asked(Map<Integer, Boolean> given, long seed) {
      this.given = given;
      this.random = new Random(seed);
    }

    @Override
    public boolean test(Guard guard) {
      return guard.test(this::leaf);
    }

    private boolean leaf(Guard leaf) {
      if (leaf == Guard.alwaysTrue()) {
        return true; // a constant: testing it has no effect, and the tree does not ask
      }
      assertTrue(leaf.eventOnly() && leaf.memoSlot() >= 0,
          "a state with a tree asked " + leaf + ", which is not memoized");
      Boolean known = given.get(leaf.memoSlot());
      if (known == null) {
        known = random.nextBoolean();
        given.put(leaf.memoSlot(), known);
        order.add(leaf.description() + "#" + leaf.memoSlot());
      }
      return known;
    }
  }

  private static String describe(Moves moves) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < moves.size(); i++) {
      text.append(moves.edge(i).action()).append("->").append(moves.edge(i).target().name())
          .append(" final=")
          .append(moves.finalState(i) == null ? "-" : moves.finalState(i).name()).append("; ");
    }
    return text.toString();
  }
}
