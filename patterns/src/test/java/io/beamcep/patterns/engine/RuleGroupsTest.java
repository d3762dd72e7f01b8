package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.yardstick.EventScript;
import io.beamcep.patterns.yardstick.FlinkCepHarness;
import io.beamcep.patterns.yardstick.FlinkPatternTranslator;
import io.beamcep.patterns.yardstick.OurEngineRunner;
import io.beamcep.patterns.yardstick.TimedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Many rules in one matcher, which visits per event only the rules that hold partial matches and
 * those whose start condition the event did not answer false (rules grouped by that condition):
 * every rule must return exactly what it returns alone in a matcher of its own, in the same order,
 * through timers and through the key state's bytes, and the key's record of its busy rules must
 * always be what its rules hold. The rules are the differential test's random patterns, whose
 * steps test one of three event types, so most rules share their start condition with others.
 * Each rule alone is also held against Flink CEP, since a rule alone is grouped too: a rule never
 * visited would return nothing both ways.
 */
class RuleGroupsTest {
  private static final int CASES = Integer.getInteger("groups.cases", 60);
  private static final int RULES = 12;
  /** After every window of every event drawn. */
  private static final long END = 1_000_000L;

  /** How the many-rule matcher lays out its keys (RuleLayout). */
  private enum Layout {
    /** As Matcher.of chooses: dense up to Matcher.SPARSE_ABOVE rules. */
    CHOSEN,
    /** Entries only for the rules holding more than a fresh start, whatever the rule count. */
    SPARSE,
    /**
     * A dense and a sparse matcher of the same rules in turn, event by event (and timer by
     * timer): the key is reconciled from one layout into the other each time.
     */
    ALTERNATING
  }

  @Test
  void everyRuleOfAManyRuleMatcherReturnsWhatItReturnsAlone() {
    for (int seed = 0; seed < CASES; seed++) {
      check(seed, RULES, false, Layout.CHOSEN);
    }
  }

  @Test
  void everyRuleOfAManyRuleMatcherReturnsWhatItReturnsAloneThroughBytes() {
    for (int seed = 0; seed < CASES; seed++) {
      check(seed, RULES, true, Layout.CHOSEN);
    }
  }

  /**
   * More rules than a key records in its own field (64), the rest in an array, and more than a
   * matcher lays out densely.
   */
  @Test
  void everyRuleOfASeventyRuleMatcherReturnsWhatItReturnsAlone() {
    for (int seed = 0; seed < CASES / 10; seed++) {
      check(seed, 70, seed % 2 == 1, Layout.CHOSEN);
    }
  }

  /** Keys laid out sparse hold and return what dense ones do, through bytes too. */
  @Test
  void everyRuleOfASparseMatcherReturnsWhatItReturnsAlone() {
    for (int seed = 0; seed < CASES; seed++) {
      check(seed, RULES, seed % 2 == 1, Layout.SPARSE);
    }
  }

  /**
   * Sparse over three words of rules: a rule's entry is found by the entries of the words before
   * its own, which inserting and dropping entries keeps counted.
   */
  @Test
  void everyRuleOfASparseMatcherOfThreeWordsOfRulesReturnsWhatItReturnsAlone() {
    for (int seed = 0; seed < CASES / 10; seed++) {
      check(seed, 150, seed % 2 == 1, seed % 3 == 2 ? Layout.ALTERNATING : Layout.SPARSE);
    }
  }

  /** A key moved between the two layouts at every event returns what one layout returns. */
  @Test
  void aKeyMovedBetweenDenseAndSparseMatchersReturnsWhatOneMatcherReturns() {
    for (int seed = 0; seed < CASES; seed++) {
      check(seed, RULES, false, Layout.ALTERNATING);
    }
  }

  /**
   * Keys of one matcher, each dropped when empty and met anew at its next event, as hosts do: a
   * new key shares the matcher's fresh layout until it first writes a rule, and no key's write may
   * reach another's. Four keys take the same events in turn; each returns what a key alone does.
   */
  @Test
  void keysOfOneMatcherDroppedWhenEmptyReturnWhatAKeyAloneReturns() {
    keysDroppedWhenEmpty(false);
  }

  /** The same with keys laid out sparse, which share only the matcher's fresh layout. */
  @Test
  void keysOfOneSparseMatcherDroppedWhenEmptyReturnWhatAKeyAloneReturns() {
    keysDroppedWhenEmpty(true);
  }

  private static void keysDroppedWhenEmpty(boolean sparse) {
    for (int seed = 0; seed < CASES; seed++) {
      Random random = new Random(seed);
      List<CompiledRule> rules = randomRules(random, RULES, new ArrayList<>());
      List<TimedEvent> events = FlinkDifferentialTest.randomEvents(random);
      long[] noTimers = new long[events.size()];
      java.util.Arrays.fill(noTimers, Long.MIN_VALUE);
      String label = "seed " + seed;
      Map<Integer, List<Match>> alone =
          run(rules, events, noTimers, false, Layout.CHOSEN, label);
      Matcher matcher = Matcher.of(rules, Integer.MAX_VALUE, rule -> true, sparse);
      KeyState[] keys = new KeyState[4];
      List<Map<Integer, List<Match>>> byKey = new ArrayList<>();
      for (int k = 0; k < keys.length; k++) {
        keys[k] = KeyState.empty();
        byKey.add(new LinkedHashMap<>());
        for (int r = 0; r < rules.size(); r++) {
          byKey.get(k).put(r, new ArrayList<>());
        }
      }
      for (TimedEvent event : events) {
        for (int k = 0; k < keys.length; k++) {
          collect(matcher.process(keys[k], event.event(), event.timestamp()), rules, byKey.get(k));
          if (keys[k].isEmpty()) {
            keys[k] = KeyState.empty();
          }
        }
      }
      for (int k = 0; k < keys.length; k++) {
        collect(matcher.advanceTime(keys[k], END), rules, byKey.get(k));
        assertEquals(alone, byKey.get(k), "key " + k + ", " + label);
      }
    }
  }

  private static void check(int seed, int ruleCount, boolean throughBytes, Layout layout) {
    Random random = new Random(seed);
    List<Graph> patterns = new ArrayList<>();
    List<CompiledRule> rules = randomRules(random, ruleCount, patterns);
    List<TimedEvent> events = new ArrayList<>();
    for (int batch = 0; batch < 3; batch++) {
      long offset = batch * 20L;
      for (TimedEvent event : FlinkDifferentialTest.randomEvents(random)) {
        events.add(new TimedEvent(event.event(), event.timestamp() + offset));
      }
    }
    events.sort(Comparator.comparingLong(TimedEvent::timestamp));
    // timers between events, at times drawn once and given to every matcher alike
    long[] timers = new long[events.size()];
    for (int i = 0; i < timers.length; i++) {
      timers[i] = random.nextInt(3) == 0 ? events.get(i).timestamp() - 1 : Long.MIN_VALUE;
    }
    String label = "seed " + seed + (throughBytes ? ", through bytes" : "") + ", " + layout
        + ", rules " + patterns;
    Map<Integer, List<Match>> together = run(rules, events, timers, throughBytes, layout, label);
    for (int r = 0; r < rules.size(); r++) {
      Map<Integer, List<Match>> alone =
          run(List.of(rules.get(r)), events, timers, false, Layout.CHOSEN, label);
      assertEquals(alone.get(0), together.get(r), "rule " + r + " differs, " + label);
      if (!throughBytes && layout == Layout.CHOSEN) {
        assertAsFlink(patterns.get(r), events, "rule " + r + " alone, " + label);
      }
    }
  }

  private static void assertAsFlink(Graph pattern, List<TimedEvent> events, String label) {
    FlinkCepHarness.Outcome flink = FlinkCepHarness.run(
        FlinkPatternTranslator.withDefaultConditions().translate(pattern), events, END);
    FlinkCepHarness.Outcome ours = OurEngineRunner.run(pattern, events, END).outcome();
    assertEquals(EventScript.canonical(flink.matches()), EventScript.canonical(ours.matches()),
        "matches differ from Flink's, " + label);
    assertEquals(EventScript.canonical(flink.timeouts()), EventScript.canonical(ours.timeouts()),
        "timeouts differ from Flink's, " + label);
  }

  /** {@code count} random rules the compiler accepts, their patterns added to {@code patterns}. */
  private static List<CompiledRule> randomRules(Random random, int count, List<Graph> patterns) {
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    List<CompiledRule> rules = new ArrayList<>();
    while (rules.size() < count) {
      try {
        Graph pattern = FlinkDifferentialTest.randomPattern(random, random.nextBoolean());
        // ids in draw order, so that the matcher's (RuleKey) order is the draw order
        String id = String.format("r%03d", rules.size());
        rules.add(compiler.compile(new Rule(id, 1, pattern, null)));
        patterns.add(pattern);
      } catch (RuntimeException refused) {
        // a pattern the builder or the compiler refuses: draw another (RuleException included)
        if (!(refused instanceof RuleException) && !(refused instanceof IllegalArgumentException)
            && !(refused instanceof IllegalStateException)) {
          throw refused;
        }
      }
    }
    return rules;
  }

  /** Per rule (by its place in {@code rules}), what it returned, in the order returned. */
  private static Map<Integer, List<Match>> run(List<CompiledRule> rules, List<TimedEvent> events,
      long[] timers, boolean throughBytes, Layout layout, String label) {
    Matcher chosen = Matcher.of(rules, Integer.MAX_VALUE);
    Matcher sparse = Matcher.of(rules, Integer.MAX_VALUE, rule -> true, true);
    Matcher dense = Matcher.of(rules, Integer.MAX_VALUE, rule -> true, false);
    Matcher matcher = layout == Layout.SPARSE ? sparse : chosen;
    Map<Integer, List<Match>> byRule = new LinkedHashMap<>();
    for (int r = 0; r < rules.size(); r++) {
      byRule.put(r, new ArrayList<>());
    }
    KeyState state = KeyState.empty();
    for (int i = 0; i < events.size(); i++) {
      TimedEvent event = events.get(i);
      if (layout == Layout.ALTERNATING) {
        matcher = i % 2 == 0 ? sparse : dense;
      }
      if (timers[i] != Long.MIN_VALUE) {
        collect(matcher.advanceTime(state, timers[i]), rules, byRule);
        assertBusyRulesAsHeld(matcher, state, "after the timer at " + timers[i] + ", " + label);
      }
      if (throughBytes) {
        state = KeyState.fromBytes(state.toBytes());
      }
      if (layout == Layout.ALTERNATING) {
        matcher = matcher == sparse ? dense : sparse;
      }
      collect(matcher.process(state, event.event(), event.timestamp()), rules, byRule);
      assertBusyRulesAsHeld(matcher, state, "after " + event.event().get("id") + ", " + label);
    }
    collect(matcher.advanceTime(state, END), rules, byRule);
    assertBusyRulesAsHeld(matcher, state, "at the end, " + label);
    return byRule;
  }

  private static void collect(List<Match> results, List<CompiledRule> rules,
      Map<Integer, List<Match>> byRule) {
    for (Match match : results) {
      for (int r = 0; r < rules.size(); r++) {
        if (rules.get(r).key().equals(match.rule())) {
          byRule.get(r).add(match);
        }
      }
    }
  }

  /**
   * The key's busy rules are those holding more than a fresh start (laid out sparse, exactly those
   * have an entry), it is empty exactly when no rule holds a partial match that took an event or a
   * match held back, and it counts those.
   */
  private static void assertBusyRulesAsHeld(Matcher matcher, KeyState state, String label) {
    List<RuleState> held = state.ruleStateList();
    boolean empty = true;
    int partialMatches = 0;
    for (int r = 0; r < held.size(); r++) {
      RuleState rule = held.get(r);
      boolean idle = rule.size() == 1 && rule.get(0).isFreshStart()
          && !rule.hasCompletedMatches();
      assertEquals(!idle, state.isBusy(r), "rule " + r + " busy, " + label);
      if (state.isSparse()) {
        assertEquals(!idle, state.entry(r) >= 0, "rule " + r + " has an entry, " + label);
      }
      for (int p = 0; p < rule.size(); p++) {
        empty &= rule.get(p).startEventId == null && rule.get(p).path == null;
        partialMatches += rule.get(p).startEventId == null ? 0 : 1;
      }
      empty &= !rule.hasCompletedMatches();
      partialMatches += rule.hasCompletedMatches() ? rule.completedMatches().size() : 0;
    }
    assertEquals(empty, state.isEmpty(), "isEmpty, " + label);
    assertEquals(partialMatches, state.partialMatchCount(), "partialMatchCount, " + label);
  }
}
