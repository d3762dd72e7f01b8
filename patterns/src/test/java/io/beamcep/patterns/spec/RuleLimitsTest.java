package io.beamcep.patterns.spec;

import static io.beamcep.patterns.model.RuleLimits.MAX_NESTING;
import static io.beamcep.patterns.model.RuleLimits.MAX_STATES;
import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;
import static io.beamcep.patterns.yardstick.PatternBuilder.beginGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.RuleLimits;
import io.beamcep.patterns.yardstick.EventScript;
import io.beamcep.patterns.yardstick.FlinkCepHarness;
import io.beamcep.patterns.yardstick.Horizon;
import io.beamcep.patterns.yardstick.OurEngineRunner;
import io.beamcep.patterns.yardstick.PatternBuilder;
import io.beamcep.patterns.yardstick.TimedEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The limits of {@link RuleLimits}, which Flink CEP does not have: each keeps one rule row from
 * taking a job down at every restart (a job reads its rule table again each time).
 *
 * <p>Groups in groups, and conditions in conditions, nest at most {@link RuleLimits#MAX_NESTING}
 * levels. At the limit a rule matches as Flink CEP matches it, and reads, compiles and runs on a
 * 512 KB stack, half the JVM's default for a thread. One level more is refused with the path of
 * the level too deep, on any stack. Before the limit, a rule 490 levels deep (as deep as the JSON
 * reader allows) passed validation on the command line's main thread and overflowed a 512 KB
 * stack while being read or compiled.
 *
 * <p>A rule's automaton has at most {@link RuleLimits#MAX_STATES} states. One more is refused at
 * the quantifier that unrolled most, before a count like {@code times(2147483647)} has taken the
 * memory it asks for (about 400 bytes a state).
 */
class RuleLimitsTest {
  private static final long SMALL_STACK = 512 * 1024;
  /** The deepest a rule's JSON can nest groups or conditions under Jackson's nesting limit. */
  private static final int DEEPEST_JSON = 490;

  @Test
  void groupsAtTheLimitMatchAsFlinkCepMatches() {
    Spec.rule(groupsAround(begin("a", is("a")), MAX_NESTING).followedBy("b", is("b")))
        .events("a1 x2 b3 a4")
        .expectMatches("a:a1 b:b3");
  }

  @Test
  void conditionsAtTheLimitMatchAsFlinkCepMatches() {
    Spec.rule(begin("a", conditionsAround(is("a"), MAX_NESTING)).followedBy("b", is("b")))
        .events("a1 x2 b3 a4")
        .expectMatches("a:a1 b:b3");
  }

  @Test
  void atTheLimitARuleIsReadCompiledAndMatchedOnASmallStack() throws Exception {
    PatternBuilder rule =
        groupsAround(begin("a", conditionsAround(is("a"), MAX_NESTING)), MAX_NESTING)
            .followedBy("b", is("b"));
    String json = RuleJson.toJson(rule.build());
    List<TimedEvent> events = EventScript.events("a1 x2 b3 a4");

    FlinkCepHarness.Outcome outcome = onSmallStack(() -> {
      Rule parsed = RuleJson.parseRule("deep", 1, json, null);
      return OurEngineRunner.run(
          parsed.pattern(), events, Horizon.endOfInput(parsed.pattern(), events)).outcome();
    });

    assertEquals(List.of(EventScript.match("a:a1 b:b3")),
        EventScript.canonical(outcome.matches()));
  }

  @Test
  void aGroupOneLevelTooDeepIsRefusedAtItsPath() throws Exception {
    for (int depth : new int[] {MAX_NESTING + 1, DEEPEST_JSON}) {
      String json = RuleJson.toJson(
          groupsAround(begin("a", is("a")), depth).followedBy("b", is("b")).build());

      RuleException refused = refusedOnSmallStack(() -> RuleJson.parseRule("deep", 4, json, null));

      assertEquals("deep", refused.ruleId());
      assertEquals(4, refused.ruleVersion());
      // the outer group is the first node (nodes[1], as nodes are listed last to first)
      assertEquals("$.pattern.nodes[1]" + ".nodes[0]".repeat(MAX_NESTING), refused.jsonPath());
      assertEquals(RuleLimits.groupsTooDeep(MAX_NESTING + 1), refused.reason());
    }
  }

  @Test
  void aConditionOneLevelTooDeepIsRefusedAtItsPath() throws Exception {
    for (int depth : new int[] {MAX_NESTING + 1, DEEPEST_JSON}) {
      String json = RuleJson.toJson(
          begin("a", conditionsAround(is("a"), depth)).followedBy("b", is("b")).build());

      RuleException refused = refusedOnSmallStack(() -> RuleJson.parseRule("deep", 4, json, null));

      assertEquals("$.pattern.nodes[1].condition" + ".nestedConditions[0]".repeat(MAX_NESTING),
          refused.jsonPath());
      assertEquals(RuleLimits.conditionsTooDeep(MAX_NESTING + 1), refused.reason());
    }
  }

  @Test
  void aRuleBuiltInCodeIsRefusedByTheCompilerAlike() throws Exception {
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    Rule deepGroups = new Rule("code", 2,
        groupsAround(begin("a", is("a")), DEEPEST_JSON).followedBy("b", is("b")).build(), null);
    Rule deepConditions = new Rule("code", 2,
        begin("a", is("a")).followedBy("b", conditionsAround(is("b"), DEEPEST_JSON)).build(),
        null);

    RuleException groups = refusedOnSmallStack(() -> compiler.compile(deepGroups));
    RuleException conditions = refusedOnSmallStack(() -> compiler.compile(deepConditions));

    assertEquals("code", groups.ruleId());
    assertEquals("$.pattern.nodes[1]" + ".nodes[0]".repeat(MAX_NESTING), groups.jsonPath());
    assertEquals(RuleLimits.groupsTooDeep(MAX_NESTING + 1), groups.reason());
    assertEquals("$.pattern.nodes[0].condition" + ".nestedConditions[0]".repeat(MAX_NESTING),
        conditions.jsonPath());
    assertEquals(RuleLimits.conditionsTooDeep(MAX_NESTING + 1), conditions.reason());
  }

  @Test
  void anAutomatonOfExactlyTheMostStatesCompilesAndMatches() {
    // times(1, n) makes two states per count (take, and proceed when the loop may end)
    PatternBuilder rule = begin("a", is("a")).times(1, MAX_STATES / 2);
    CompiledRule compiled = compile(rule);
    List<TimedEvent> events = EventScript.events("a1 x2 a3");

    FlinkCepHarness.Outcome outcome =
        OurEngineRunner.run(rule.build(), events, Horizon.endOfInput(rule.build(), events))
            .outcome();

    assertEquals(MAX_STATES, compiled.automaton().states().size());
    assertEquals(
        Stream.of("a:a1", "a:a1,a3", "a:a3").map(EventScript::match).sorted().toList(),
        EventScript.canonical(outcome.matches()).stream().sorted().toList());
  }

  @Test
  void oneStateMoreIsRefusedAtTheQuantifierThatUnrolls() {
    RuleException refused = refused(begin("s", is("s")).followedBy("a", is("a"))
        .times(1, MAX_STATES / 2 + 1));

    assertEquals("limits", refused.ruleId());
    assertEquals("$.pattern.nodes[0].quantifier", refused.jsonPath());
    assertEquals(RuleLimits.tooManyStates(), refused.reason());
  }

  @Test
  void theQuantifierThatUnrolledMostIsNamedWhenALaterStepCrossesTheLimit() {
    // built last to first: the end state, c, a (times(1, n) in the middle makes 2n - 1) and b
    // fill the automaton exactly, and s, the first step, is one state too many
    RuleException refused = refused(begin("s", is("s")).followedBy("b", is("b"))
        .followedBy("a", is("a")).times(1, MAX_STATES / 2 - 1).followedBy("c", is("c")));

    assertEquals("$.pattern.nodes[1].quantifier", refused.jsonPath());
  }

  @Test
  void aGroupRepeatedBeyondTheLimitIsRefusedAtItsQuantifier() {
    RuleException refused = refused(begin("s", is("s"))
        .group(EdgeType.SKIP_TILL_NEXT, "pair", begin("x", is("x")).next("y", is("y")))
        .times(MAX_STATES / 2));

    assertEquals("$.pattern.nodes[0].quantifier", refused.jsonPath());
  }

  @Test
  void aHugeCountIsRefusedBeforeItTakesItsMemory() {
    // a hang guard, not a speed target: the refusal comes after 10,000 states, in milliseconds
    RuleException refused = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> refused(begin("a", is("a")).times(Integer.MAX_VALUE)));

    assertEquals("$.pattern.nodes[0].quantifier", refused.jsonPath());
  }

  private static CompiledRule compile(PatternBuilder rule) {
    return new RuleCompiler(ConditionRegistry.defaults())
        .compile(RuleJson.parseRule("limits", 1, RuleJson.toJson(rule.build()), null));
  }

  private static RuleException refused(PatternBuilder rule) {
    return assertThrows(RuleException.class, () -> compile(rule));
  }

  /** {@code inner} inside {@code levels} groups, each holding only the one below. */
  private static PatternBuilder groupsAround(PatternBuilder inner, int levels) {
    PatternBuilder group = inner;
    for (int level = levels; level >= 1; level--) {
      group = beginGroup("g" + level, group);
    }
    return group;
  }

  /** {@code expression} as the innermost of {@code levels} conditions, RichAnd and RichOr. */
  private static ConditionSpec conditionsAround(String expression, int levels) {
    ConditionSpec condition = new ConditionSpec.Expression(expression);
    for (int level = levels - 1; level >= 1; level--) {
      condition = level % 2 == 0
          ? new ConditionSpec.Or(List.of(condition))
          : new ConditionSpec.And(List.of(condition));
    }
    return condition;
  }

  private static RuleException refusedOnSmallStack(Callable<?> work) throws Exception {
    Throwable thrown = onSmallStack(() -> {
      try {
        work.call();
        return null;
      } catch (RuleException | StackOverflowError e) {
        return e;
      }
    });
    return assertInstanceOf(RuleException.class, thrown);
  }

  /** Runs {@code work} on a new thread with a {@link #SMALL_STACK} stack; rethrows its failure. */
  private static <T> T onSmallStack(Callable<T> work) throws Exception {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        result[0] = work.call();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "small-stack", SMALL_STACK);
    thread.start();
    thread.join();
    if (failure[0] instanceof Exception e) {
      throw e;
    } else if (failure[0] != null) {
      throw new AssertionError("failed on a " + SMALL_STACK / 1024 + " KB stack", failure[0]);
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }
}
