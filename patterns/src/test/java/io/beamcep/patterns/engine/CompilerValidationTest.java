package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.node;
import static io.beamcep.patterns.engine.Rules.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.nfa.StateType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Patterns Flink refuses are refused with the rule id and the JSON path of the bad node. */
class CompilerValidationTest {

  private static RuleException refused(Graph graph) {
    return assertThrows(RuleException.class,
        () -> Rules.COMPILER.compile(new Rule("r7", 3, graph, null)));
  }

  @Test
  void trailingNotFollowedByWithoutWindow() {
    RuleException e = refused(chain(List.of(node("a", "a"), node("x", "x")),
        List.of(EdgeType.NOT_FOLLOW), Optional.empty(), AfterMatch.noSkip()));
    assertEquals("r7", e.ruleId());
    assertEquals(3, e.ruleVersion());
    assertEquals("$.pattern.nodes[1]", e.jsonPath());
    assertTrue(e.reason().contains("window"), e.reason());
  }

  @Test
  void negatedNodeWithQuantifier() {
    RuleException e = refused(chain(
        List.of(node("a", "a"), node("x", "x", q(Contiguity.SKIP_TILL_NEXT, 1, 1,
            QuantifierProperty.LOOPING)), node("b", "b")),
        List.of(EdgeType.NOT_NEXT, EdgeType.SKIP_TILL_NEXT), Optional.empty(),
        AfterMatch.noSkip()));
    assertEquals("$.pattern.nodes[1].quantifier", e.jsonPath());
  }

  @Test
  void negationAfterAnOptionalNode() {
    RuleException e = refused(chain(
        List.of(node("a", "a", Rules.optional()), node("x", "x"), node("b", "b")),
        List.of(EdgeType.NOT_NEXT, EdgeType.SKIP_TILL_NEXT), Optional.empty(),
        AfterMatch.noSkip()));
    assertEquals("$.pattern.nodes[1]", e.jsonPath());
  }

  @Test
  void duplicateNames() {
    RuleException e = refused(chain(List.of(node("a", "a"), node("a", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()));
    assertTrue(e.jsonPath().startsWith("$.pattern.nodes"), e.jsonPath());
  }

  @Test
  void greedyOnASingleNode() {
    RuleException e = refused(chain(
        List.of(node("a", "a", q(Contiguity.SKIP_TILL_NEXT, 1, 1, QuantifierProperty.SINGLE,
            QuantifierProperty.GREEDY)), node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()));
    assertEquals("$.pattern.nodes[0].quantifier", e.jsonPath());
  }

  @Test
  void skipToAnUnknownNode() {
    RuleException e = refused(chain(List.of(node("a", "a"), node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(),
        new AfterMatch(AfterMatchType.SKIP_TO_FIRST, Optional.of("nope"))));
    assertEquals("$.pattern.afterMatchStrategy.patternName", e.jsonPath());
  }

  @Test
  void automatonIsPrintable() {
    CompiledRule rule = Rules.compile(chain(List.of(node("a", "a"), node("b", "b")),
        List.of(EdgeType.STRICT), Optional.empty(), AfterMatch.noSkip()));
    assertEquals(StateType.START, rule.automaton().startState().type());
    assertEquals("a", rule.automaton().startState().name());
    assertEquals("[TAKE a -> b [type[a]]]", rule.automaton().startState().transitions().toString());
    assertEquals(0, rule.conditionErrors());
  }
}
