package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A condition that fails while testing an event counts as false and is counted on its rule
 * ({@link CompiledRule#conditionErrors()}, which the pipeline publishes per rule version), for a
 * rule compiled as the product compiles them: from its JSON row, with the condition registry.
 */
class ConditionErrorCountTest {
  private static final RuleCompiler PRODUCTION = new RuleCompiler(ConditionRegistry.defaults());

  private static CompiledRule oneNode(String condition) {
    return PRODUCTION.compile(RuleJson.parseRule("r", 1,
        "{\"nodes\":[{\"name\":\"only\",\"type\":\"ATOMIC\",\"condition\":" + condition + "}],"
            + "\"edges\":[]}", null));
  }

  private static List<Match> feed(CompiledRule rule, int views) {
    Matcher matcher = Matcher.of(List.of(rule));
    KeyState key = KeyState.empty();
    List<Match> out = new java.util.ArrayList<>();
    for (int i = 1; i <= views; i++) {
      out.addAll(matcher.process(key,
          Event.of(Map.of("eventType", "view", "productId", "p" + i, "price", 10.0)), i * 1000L));
    }
    return out;
  }

  /**
   * Pattern: one node, `eventType > 1` (text against a number). Events: three views. Expected: no
   * match, three errors, and the first one's reason with the condition's path, given once.
   */
  @Test
  void anExpressionFailingAtRunTimeIsCountedOnItsRule() {
    CompiledRule rule = oneNode("{\"type\":\"AVIATOR\",\"expression\":\"eventType > 1\"}");

    List<Match> matches = feed(rule, 3);

    assertEquals(List.of(), matches);
    assertEquals(3, rule.conditionErrors());
    assertEquals("$.pattern.nodes[0].condition: Could not compare <Long, 1> with "
        + "<JavaType, eventType, view, java.lang.String>", rule.takeFirstConditionError());
    assertNull(rule.takeFirstConditionError(), "given once");
  }

  /**
   * Pattern: one node, the reference's InitialCondition, which throws when no event matched
   * `initial_view` yet. Events: two views.
   */
  @Test
  void aClassConditionThrowingIsCountedOnItsRule() {
    CompiledRule rule = oneNode("{\"type\":\"CLASS\",\"className\":"
        + "\"com.alibaba.ververica.cep.demo.condition.InitialCondition\"}");

    List<Match> matches = feed(rule, 2);

    assertEquals(List.of(), matches);
    assertEquals(2, rule.conditionErrors());
    assertEquals("$.pattern.nodes[0].condition: no event matched 'initial_view' yet", rule.takeFirstConditionError());
  }

  /**
   * An embedder's resolver handing back conditions the registry compiled (which count their errors
   * elsewhere unless told where): the rule still counts them. Pattern: one node, `eventType > 1`.
   * Events: two views.
   */
  @Test
  void aResolversRegistryConditionIsCountedOnItsRuleToo() {
    ConditionRegistry registry = ConditionRegistry.defaults();
    RuleCompiler embedded = RuleCompiler.withResolver(registry::compile);
    CompiledRule rule = embedded.compile(RuleJson.parseRule("r", 1,
        "{\"nodes\":[{\"name\":\"only\",\"type\":\"ATOMIC\",\"condition\":"
            + "{\"type\":\"AVIATOR\",\"expression\":\"eventType > 1\"}}],\"edges\":[]}",
        null));

    feed(rule, 2);

    assertEquals(2, rule.conditionErrors());
    assertEquals("$.pattern.nodes[0].condition: Could not compare <Long, 1> with "
        + "<JavaType, eventType, view, java.lang.String>", rule.takeFirstConditionError());
  }

  /** Pattern: one node, `eventType == 'view'`. Events: three views, three matches, no error. */
  @Test
  void aConditionThatNeverFailsCountsNothing() {
    CompiledRule rule = oneNode("{\"type\":\"AVIATOR\",\"expression\":\"eventType == 'view'\"}");

    assertEquals(3, feed(rule, 3).size());
    assertEquals(0, rule.conditionErrors());
    assertNull(rule.takeFirstConditionError());
  }
}
