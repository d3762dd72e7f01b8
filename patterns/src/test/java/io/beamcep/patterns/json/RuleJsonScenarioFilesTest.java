package io.beamcep.patterns.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.Edge;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Quantifier;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.Times;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The five reference scenarios' rule files parse into the model they describe. */
class RuleJsonScenarioFilesTest {
  private static final String DEMO = "com.alibaba.ververica.cep.demo.condition.";

  static List<Rule> rulesOf(int scenario) throws IOException {
    return RuleJson.parseRuleRows(
        Files.readString(Path.of("..", "testdata", "scenario" + scenario + ".rules.json")));
  }

  private static AtomicNode atomic(Graph graph, int index) {
    return assertInstanceOf(AtomicNode.class, graph.nodes().get(index));
  }

  @Test
  void scenario1_viewStrictlyFollowedByView() throws IOException {
    List<Rule> rules = rulesOf(1);
    assertEquals(1, rules.size());
    Rule rule = rules.get(0);
    assertEquals("1", rule.id());
    assertEquals(1, rule.version());
    assertEquals(
        "com.alibaba.ververica.cep.demo.dynamic.DemoPatternProcessFunction", rule.function());
    Graph pattern = rule.pattern();
    assertEquals("second_view", pattern.name());
    assertEquals(
        List.of("second_view", "first_view"),
        pattern.nodes().stream().map(n -> n.name()).toList());
    assertEquals(List.of(new Edge("first_view", "second_view", EdgeType.STRICT)), pattern.edges());
    assertEquals(
        Optional.of(new Window(WindowType.FIRST_AND_LAST, Duration.ofMinutes(5))),
        pattern.window());
    assertEquals(
        new ConditionSpec.Named(DEMO + "FirstViewCondition", List.of()),
        atomic(pattern, 0).condition());
    assertEquals(Set.of(QuantifierProperty.SINGLE), atomic(pattern, 1).quantifier().properties());
    assertEquals(Contiguity.SKIP_TILL_NEXT, atomic(pattern, 1).quantifier().innerContiguity());
  }

  @Test
  void scenario2_cartFollowedByPurchase() throws IOException {
    Graph pattern = rulesOf(2).get(0).pattern();
    assertEquals(
        List.of(new Edge("cart_add", "purchase", EdgeType.SKIP_TILL_NEXT)), pattern.edges());
    assertEquals(
        new ConditionSpec.Named(DEMO + "CartAddCondition", List.of()),
        atomic(pattern, 1).condition());
    assertEquals(Duration.ofMinutes(30), pattern.window().orElseThrow().size());
  }

  @Test
  void scenario3_timesThree() throws IOException {
    Graph pattern = rulesOf(3).get(0).pattern();
    AtomicNode repeat = atomic(pattern, 0);
    assertEquals("repeat_view", repeat.name());
    assertEquals(Set.of(QuantifierProperty.TIMES), repeat.quantifier().properties());
    assertEquals(Optional.of(new Times(3, 3, Optional.empty())), repeat.quantifier().times());
    assertEquals(Duration.ofMinutes(15), pattern.window().orElseThrow().size());
    // The file repeats repeat_view's TIMES quantifier at the top level; it must not repeat the
    // whole pattern.
    assertEquals(Quantifier.single(), pattern.quantifier());
  }

  @Test
  void scenario4_threeNodeStrictChainWithIterativeCondition() throws IOException {
    Graph pattern = rulesOf(4).get(0).pattern();
    assertEquals(
        List.of(
            new Edge("view_price_drop", "cart_after_price_drop", EdgeType.STRICT),
            new Edge("initial_view", "view_price_drop", EdgeType.STRICT)),
        pattern.edges());
    assertEquals(
        new ConditionSpec.Named(DEMO + "InitialCondition", List.of()),
        atomic(pattern, 1).condition());
  }

  @Test
  void scenario5_loopingTenOrMoreThenNotNext() throws IOException {
    Graph pattern = rulesOf(5).get(0).pattern();
    AtomicNode views = atomic(pattern, 1);
    assertEquals(Set.of(QuantifierProperty.LOOPING), views.quantifier().properties());
    assertEquals(10, views.quantifier().times().orElseThrow().from());
    assertEquals(List.of(new Edge("first_view", "purchase", EdgeType.NOT_NEXT)), pattern.edges());
    assertEquals(Duration.ofDays(7), pattern.window().orElseThrow().size());
  }

  @Test
  void everyScenarioRoundTripsThroughTheWriter() throws IOException {
    for (int scenario = 1; scenario <= 5; scenario++) {
      Rule rule = rulesOf(scenario).get(0);
      String written = RuleJson.toJson(rule.pattern());
      assertEquals(
          rule,
          RuleJson.parseRule(rule.id(), rule.version(), written, rule.function()),
          "scenario " + scenario);
      assertEquals(List.of(rule), RuleJson.parseRuleRows("[" + RuleJson.toRowJson(rule) + "]"));
    }
  }
}
