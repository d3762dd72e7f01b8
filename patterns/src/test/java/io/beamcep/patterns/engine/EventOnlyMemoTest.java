package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.nfa.State;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A condition that reads only the event is tested once per event and guard, however many partial
 * matches the key holds; any other condition once per partial match. The matches are the same.
 */
class EventOnlyMemoTest {
  /** Pattern: a{1,} (skip till next) followedBy b, every event "a" except the last. */
  private static List<String> run(boolean declareEventOnly, AtomicLong tests) {
    RuleCompiler compiler = RuleCompiler.withResolver((spec, path) -> {
      Object wanted = ((ConditionSpec.Named) spec).args().get(0);
      Condition counting = (event, context) -> {
        tests.incrementAndGet();
        return wanted.equals(event.get("type"));
      };
      return declareEventOnly ? Condition.eventOnly(counting) : counting;
    });
    CompiledRule rule = compiler.compile(new Rule("r", 1, Rules.chain(
        List.of(
            Rules.node("a", "a", Rules.q(Contiguity.SKIP_TILL_NEXT, 1, 1,
                QuantifierProperty.LOOPING)),
            Rules.node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()), null));
    return Rules.run(rule, "a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 b13", 100_000L);
  }

  /**
   * Pattern: a followedBy b, where b must come at least two ids after the a its partial match took
   * (a condition reading the partial match). Events: a1 a2 b3 b4. Both partial matches wait in the
   * same state when b3 arrives, and must decide apart: a1's takes b3, a2's skips it and takes b4.
   * A decision shared between them would give a2 b3 as well, or lose a1 b3.
   */
  @Test
  void partialMatchesInOneStateDecideApartWhenAConditionReadsThem() {
    CompiledRule rule = aThenBTwoIdsLater();

    assertEquals(List.of("a=a1 b=b3", "a=a2 b=b4"), Rules.run(rule, "a1 a2 b3 b4", 100_000L));
  }

  /**
   * Same pattern: only the state waiting for b tests a guard that reads the partial match, so only
   * its partial matches have their newest event loaded ahead (State.readsMatch).
   */
  @Test
  void onlyStatesWhoseGuardsReadTheMatchAreMarkedSo() {
    CompiledRule rule = aThenBTwoIdsLater();

    List<String> reading = rule.automaton().states().stream()
        .filter(State::readsMatch).map(State::patternName).toList();
    assertEquals(List.of("b"), reading);
  }

  /**
   * Same pattern: the states whose guards all read the event alone decide from a tree of their
   * guards' answers; the state waiting for b walks its edges for each partial match.
   */
  @Test
  void onlyStatesWhoseGuardsReadTheEventAloneDecideByTree() {
    CompiledRule rule = aThenBTwoIdsLater();

    List<String> walking = rule.automaton().states().stream()
        .filter(state -> state.decisionTree() == null).map(State::patternName).toList();
    assertEquals(List.of("b"), walking);
  }

  /** a followedBy b, where b must come at least two ids after the a its partial match took. */
  private static CompiledRule aThenBTwoIdsLater() {
    RuleCompiler compiler = RuleCompiler.withResolver((spec, path) -> {
      Object wanted = ((ConditionSpec.Named) spec).args().get(0);
      if (!"b".equals(wanted)) {
        return Condition.eventOnly((event, context) -> wanted.equals(event.get("type")));
      }
      return (event, context) -> "b".equals(event.get("type"))
          && (long) event.get("id") >= (long) context.eventsForPattern("a").get(0).get("id") + 2;
    });
    return compiler.compile(new Rule("r", 1, Rules.chain(
        List.of(Rules.node("a", "a"), Rules.node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()), null));
  }

  /**
   * Pattern: a followedBy b, where b's condition declares it reads the event alone but asks for the
   * partial match's events anyway. Events: a1 b2. The matcher does not point the context at a
   * partial match for such a condition: it fails, which counts as false and as a condition error,
   * rather than reading some other partial match's events. No match. The take guard b and the skip
   * guard !b test one condition: it fails once for the event.
   */
  @Test
  void aConditionDeclaredEventOnlyCannotReadThePartialMatch() {
    RuleCompiler compiler = RuleCompiler.withResolver((spec, path) -> {
      Object wanted = ((ConditionSpec.Named) spec).args().get(0);
      if (!"b".equals(wanted)) {
        return Condition.eventOnly((event, context) -> wanted.equals(event.get("type")));
      }
      return Condition.eventOnly((event, context) -> "b".equals(event.get("type"))
          && !context.eventsForPattern("a").isEmpty());
    });
    CompiledRule rule = compiler.compile(new Rule("r", 1, Rules.chain(
        List.of(Rules.node("a", "a"), Rules.node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()), null));

    assertEquals(List.of(), Rules.run(rule, "a1 b2", 100_000L));
    assertEquals(1, rule.conditionErrors(),
        "b2 against a1's partial match: tested once for its take and its skip (!b) together");
  }

  /**
   * Two rules, r1: a followedBy b, where b's condition reads the partial match; r2: one node x,
   * whose condition declares it reads the event alone but asks for the events of a. Events: a1,
   * then c2, for which r1 points the context at its partial match to test b, and r2 then tests x
   * from its decision tree. x must fail (counted, no match), not read r1's partial match.
   */
  @Test
  void aConditionDeclaredEventOnlyCannotReadAnotherRulesPartialMatch() {
    RuleCompiler compiler = RuleCompiler.withResolver((spec, path) -> {
      Object wanted = ((ConditionSpec.Named) spec).args().get(0);
      if ("b".equals(wanted)) {
        return (event, context) -> "b".equals(event.get("type"))
            && !context.eventsForPattern("a").isEmpty();
      }
      if ("x".equals(wanted)) {
        return Condition.eventOnly((event, context) -> "c".equals(event.get("type"))
            && !context.eventsForPattern("a").isEmpty());
      }
      return Condition.eventOnly((event, context) -> wanted.equals(event.get("type")));
    });
    CompiledRule reader = compiler.compile(new Rule("r1", 1, Rules.chain(
        List.of(Rules.node("a", "a"), Rules.node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()), null));
    CompiledRule misdeclared = compiler.compile(new Rule("r2", 1, Rules.chain(
        List.of(Rules.node("x", "x")), List.of(), Optional.empty(), AfterMatch.noSkip()), null));
    Matcher matcher = Matcher.of(List.of(reader, misdeclared));
    KeyState key = KeyState.empty();

    matcher.process(key, Rules.event("a", 1), 1000);
    List<Match> atC2 = matcher.process(key, Rules.event("c", 2), 2000);

    assertEquals(List.of(), Rules.render(atC2));
    assertEquals(1, misdeclared.conditionErrors(), "x at c2, with no partial match of its own");
    assertEquals(0, reader.conditionErrors());
  }

  /**
   * Pattern: a followedBy b, both conditions reading the partial match (so never memoized).
   * Events: c1 c2 a3. The rule holds only its fresh start throughout: each event tests the a
   * condition once, also a3, which it takes: the idle shortcut's decision is the one the step
   * uses.
   */
  @Test
  void aRuleHoldingOnlyItsStartTestsEachConditionOncePerEvent() {
    AtomicLong tests = new AtomicLong();
    RuleCompiler compiler = RuleCompiler.withResolver((spec, path) -> {
      Object wanted = ((ConditionSpec.Named) spec).args().get(0);
      return (event, context) -> {
        tests.incrementAndGet();
        return wanted.equals(event.get("type")) && context.eventsForPattern("b").isEmpty();
      };
    });
    CompiledRule rule = compiler.compile(new Rule("r", 1, Rules.chain(
        List.of(Rules.node("a", "a"), Rules.node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()), null));
    Matcher matcher = Matcher.of(List.of(rule));
    KeyState state = KeyState.empty();

    matcher.process(state, Rules.event("c", 1), 1000);
    matcher.process(state, Rules.event("c", 2), 2000);
    assertEquals(2, tests.get(), "c1 and c2: the a condition once each");
    matcher.process(state, Rules.event("a", 3), 3000);
    assertEquals(3, tests.get(), "a3: once more, though it starts a partial match");
    assertEquals(1, state.partialMatchCount());
  }

  /**
   * Pattern: a followedBy b, b's condition reading the partial match. Events: a1 c2 c3 b4. The
   * partial match waiting for b decides on c2, c3 and b4 through b's take guard and its skip guard
   * !b: b's condition is tested once per event for it, not once per guard. Match a1 b4.
   */
  @Test
  void aConditionReadingTheMatchIsTestedOncePerPartialMatchAndEvent() {
    AtomicLong bTests = new AtomicLong();
    RuleCompiler compiler = RuleCompiler.withResolver((spec, path) -> {
      Object wanted = ((ConditionSpec.Named) spec).args().get(0);
      if (!"b".equals(wanted)) {
        return Condition.eventOnly((event, context) -> wanted.equals(event.get("type")));
      }
      return (event, context) -> {
        bTests.incrementAndGet();
        return "b".equals(event.get("type")) && !context.eventsForPattern("a").isEmpty();
      };
    });
    CompiledRule rule = compiler.compile(new Rule("r", 1, Rules.chain(
        List.of(Rules.node("a", "a"), Rules.node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()), null));

    assertEquals(List.of("a=a1 b=b4"), Rules.run(rule, "a1 c2 c3 b4", 100_000L));
    assertEquals(3, bTests.get(), "c2, c3 and b4, once each");
  }

  @Test
  void eventOnlyConditionsAreTestedOncePerEventAndGuard() {
    AtomicLong perPartialMatch = new AtomicLong();
    AtomicLong perEvent = new AtomicLong();
    List<String> expected = run(false, perPartialMatch);
    List<String> memoized = run(true, perEvent);

    assertEquals(expected, memoized);
    assertEquals(12 * 13 / 2, expected.size(), "every run of a events, then b");
    // 13 events; a guard is a condition or its negation, and the automaton has a few of each
    assertTrue(perEvent.get() <= 13 * 6, "tests with the memo: " + perEvent.get());
    assertTrue(perPartialMatch.get() > 3 * perEvent.get(),
        "tests without: " + perPartialMatch.get() + ", with: " + perEvent.get());
  }
}
