package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;
import static io.beamcep.patterns.yardstick.PatternBuilder.beginGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.yardstick.EventScript;
import io.beamcep.patterns.yardstick.FlinkCepHarness;
import io.beamcep.patterns.yardstick.FlinkPatternTranslator;
import io.beamcep.patterns.yardstick.PatternBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.State;
import org.apache.flink.cep.nfa.StateTransition;
import org.apache.flink.cep.nfa.StateTransitionAction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.junit.jupiter.api.Test;

/**
 * Rules Flink CEP 1.19 accepts but cannot run to the end. One such rule row would take the whole
 * job down (out of memory, a stack overflow, or a NullPointerException on some event), so we
 * refuse it with a RuleException naming the node to change. Each case also shows what Flink makes
 * of it, without running Flink into the ground. Nodes are listed last-to-first, so in a two-step
 * rule the first step is nodes[1].
 */
class RulesFlinkCannotRunTest {

  @Test
  void aLoopingGroupOfOptionalNodesIsRefused() {
    // (a? b?)+ c: the group can repeat without taking an event, and Flink does so forever on
    // the first event that reaches it
    PatternBuilder rule =
        beginGroup("pair", begin("a", is("a")).optional().followedBy("b", is("b")).optional())
            .oneOrMore()
            .followedBy("c", is("c"));
    assertTrue(flinkAutomatonProceedsInACircle(rule), "Flink's automaton has a PROCEED cycle");
    RuleException refused = refused(rule);
    assertEquals("$.pattern.nodes[1].quantifier", refused.jsonPath());
    assertTrue(refused.reason().startsWith("a looping group must take an event on every"
        + " repetition"), refused.reason());
  }

  @Test
  void aLoopingGroupHoldingOnlyAnOptionalGroupIsRefused() {
    PatternBuilder inner = beginGroup("inner", begin("a", is("a")).next("b", is("b"))).optional();
    PatternBuilder rule =
        begin("s", is("s")).group(EdgeType.SKIP_TILL_NEXT, "outer", inner).timesOrMore(2);
    assertTrue(flinkAutomatonProceedsInACircle(rule), "Flink's automaton has a PROCEED cycle");
    assertEquals("$.pattern.nodes[0].quantifier", refused(rule).jsonPath());
  }

  @Test
  void afterANotFollowedByFlinkOverflowsItsStackCompilingIt() {
    PatternBuilder rule =
        begin("s", is("s"))
            .notFollowedBy("x", is("x"))
            .followedBy("y", is("y"))
            .optional()
            .group(EdgeType.SKIP_TILL_NEXT, "pair",
                begin("a", is("a")).optional().followedBy("b", is("b")).optional())
            .oneOrMore()
            .within(Duration.ofMillis(10));
    assertThrows(StackOverflowError.class, () -> FlinkCepHarness.compile(flink(rule)));
    assertEquals("$.pattern.nodes[0].quantifier", refused(rule).jsonPath());
  }

  @Test
  void anOptionalGreedyLoopWithUntilAfterANotFollowedByIsRefused() {
    PatternBuilder rule =
        begin("s", is("s"))
            .notFollowedBy("x", is("x"))
            .followedBy("b", is("b"))
            .oneOrMore()
            .optional()
            .greedy()
            .until(is("u"))
            .within(Duration.ofMillis(10));
    FlinkCepHarness.compile(flink(rule)); // Flink accepts it...
    RuntimeException failed = assertThrows(RuntimeException.class,
        () -> FlinkCepHarness.run(flink(rule), EventScript.events(STREAM_WITH_UNTIL), 100));
    assertTrue(causes(failed).contains(NullPointerException.class.getName()),
        () -> "...and fails running it: " + causes(failed)); // ...then its job fails
    RuleException refused = refused(rule);
    assertEquals("$.pattern.nodes[0].quantifier", refused.jsonPath());
    assertTrue(refused.reason().contains("until"), refused.reason());
  }

  private static final String STREAM_WITH_UNTIL = "s1 u2 b3 u4";

  @Test
  void aNegationAfterAGroupThatCanMatchNoEventIsRefused() {
    // Flink refuses a notNext after an optional node, but not after a group of optional nodes:
    // the partial match that took nothing yet then reaches the negation, and on the negated
    // event Flink releases the event it has not got
    PatternBuilder rule =
        beginGroup("pair", begin("a", is("a")).optional().followedBy("b", is("b")).optional())
            .notNext("x", is("x"))
            .followedBy("c", is("c"))
            .within(Duration.ofMillis(10));
    FlinkCepHarness.compile(flink(rule));
    RuntimeException failed = assertThrows(RuntimeException.class,
        () -> FlinkCepHarness.run(flink(rule), EventScript.events("x1 c2"), 100));
    assertTrue(causes(failed).contains(NullPointerException.class.getName()),
        () -> causes(failed));
    RuleException refused = refused(rule);
    assertEquals("$.pattern.nodes[1]", refused.jsonPath());
    assertTrue(refused.reason().startsWith("a notNext/notFollowedBy cannot follow a group"),
        refused.reason());
  }

  private static String causes(Throwable failure) {
    StringBuilder chain = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      chain.append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append('\n');
    }
    return chain.toString();
  }

  @Test
  void aLoopingGroupWithOneRequiredNodeStillRuns() {
    Spec.rule(
            beginGroup("pair", begin("a", is("a")).optional().followedBy("b", is("b")))
                .oneOrMore()
                .followedBy("c", is("c")))
        .events("a1 b2 b3 c4")
        .expectMatches(
            "a:a1 b:b2,b3 c:c4", "b:b2,b3 c:c4", "a:a1 b:b2 c:c4", "b:b2 c:c4", "b:b3 c:c4");
  }

  @Test
  void aRepeatedButNotLoopingGroupOfOptionalNodesStillRuns() {
    // times(2) unrolls the group into two copies: no way back, so no endless repetition. Each
    // way of spreading the events over the two copies is a match of its own, as in Flink
    Spec.rule(
            beginGroup("pair", begin("a", is("a")).optional().followedBy("b", is("b")).optional())
                .times(2)
                .followedBy("c", is("c")))
        .events("a1 b2 c3")
        .expectMatches("a:a1 b:b2 c:c3", "a:a1 b:b2 c:c3", "a:a1 b:b2 c:c3",
            "a:a1 c:c3", "a:a1 c:c3", "b:b2 c:c3", "b:b2 c:c3", "c:c3");
  }

  private static RuleException refused(PatternBuilder rule) {
    return assertThrows(
        RuleException.class,
        () -> new RuleCompiler(ConditionRegistry.defaults())
            .compile(RuleJson.parseRule("r9", 2, RuleJson.toJson(rule.build()), null)));
  }

  private static org.apache.flink.cep.pattern.Pattern<Event, ?> flink(PatternBuilder rule) {
    return FlinkPatternTranslator.withDefaultConditions().translate(rule.build());
  }

  /** Whether Flink's automaton for {@code rule} has a cycle made of PROCEED edges alone. */
  private static boolean flinkAutomatonProceedsInACircle(PatternBuilder rule) {
    NFA<Event> nfa = NFACompiler.compileFactory(flink(rule), false).createNFA();
    Map<State<Event>, Boolean> onPath = new HashMap<>();
    for (State<Event> state : nfa.getStates()) {
      if (proceedsBackInto(state, onPath)) {
        return true;
      }
    }
    return false;
  }

  private static boolean proceedsBackInto(State<Event> state, Map<State<Event>, Boolean> onPath) {
    Boolean visiting = onPath.get(state);
    if (visiting != null) {
      return visiting;
    }
    onPath.put(state, true);
    for (StateTransition<Event> edge : state.getStateTransitions()) {
      if (edge.getAction() == StateTransitionAction.PROCEED
          && proceedsBackInto(edge.getTargetState(), onPath)) {
        return true;
      }
    }
    onPath.put(state, false);
    return false;
  }
}
