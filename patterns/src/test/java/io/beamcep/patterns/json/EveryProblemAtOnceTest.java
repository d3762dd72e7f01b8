package io.beamcep.patterns.json;

import static io.beamcep.patterns.json.BadRules.edge;
import static io.beamcep.patterns.json.BadRules.node;
import static io.beamcep.patterns.json.BadRules.times;
import static io.beamcep.patterns.json.BadRules.valid;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A rule wrong in several independent places is refused with every one of them, each with its
 * JSON path, in the order reading or compiling met them: a user fixing a rule sees the whole list
 * instead of one problem per attempt. Problems that follow from another one are not reported. Each
 * case breaks the valid rule of {@link BadRules} (node 0 {@code second}, node 1 {@code first},
 * edge 0 {@code first -> second}) in several places.
 */
class EveryProblemAtOnceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RuleCompiler COMPILER = new RuleCompiler(ConditionRegistry.defaults());

  /** The problems of the broken rule, read and, when it reads, compiled. */
  private static List<RuleException> problems(Consumer<ObjectNode> breakIt) {
    ObjectNode pattern = valid();
    breakIt.accept(pattern);
    RuleException refused = assertThrows(RuleException.class,
        () -> COMPILER.compile(RuleJson.parseRule("r7", 3, pattern.toString(), null)));
    List<RuleException> problems = refused.problems();
    assertThat(problems.get(0).getMessage(), is(refused.getMessage().lines().findFirst().get()));
    assertThat(problems.stream().map(RuleException::getMessage).toList(),
        everyItem(startsWith("rule r7 v3 at ")));
    return problems;
  }

  private static List<String> paths(List<RuleException> problems) {
    return problems.stream().map(RuleException::jsonPath).toList();
  }

  @Test
  void oneProblemIsOneProblem() {
    List<RuleException> problems = problems(p -> times(p).put("to", 1));
    assertThat(paths(problems), contains("$.pattern.nodes[0].quantifier.times.to"));
  }

  @Test
  void problemsInTwoNodesAnEdgeAndTheWindowAreAllReported() {
    List<RuleException> problems = problems(p -> {
      times(p).put("to", 1);
      node(p, 1).put("type", "MOLECULE");
      edge(p, 0).put("type", "SOMETIMES");
      ((ObjectNode) p.get("window").get("time")).put("unit", "FORTNIGHTS");
    });
    assertThat(paths(problems), contains(
        "$.pattern.nodes[0].quantifier.times.to",
        "$.pattern.nodes[1].type",
        "$.pattern.edges[0].type",
        "$.pattern.window.time.unit"));
    assertThat(problems.get(1).reason(), containsString("MOLECULE"));
    assertThat(problems.get(2).reason(), containsString("SOMETIMES"));
  }

  @Test
  void aNodesQuantifierAndConditionAreReadApart() {
    List<RuleException> problems = problems(p -> {
      ((ObjectNode) node(p, 0).get("quantifier")).put("consumingStrategy", "EAGER");
      times(p).put("from", 0);
      ((ObjectNode) node(p, 0).get("condition")).put("type", "SQL");
    });
    assertThat(paths(problems), contains(
        "$.pattern.nodes[0].quantifier.consumingStrategy",
        "$.pattern.nodes[0].quantifier.times.from",
        "$.pattern.nodes[0].condition.type"));
  }

  @Test
  void everyNestedConditionOfARichAndIsRead() {
    List<RuleException> problems = problems(p -> node(p, 1).set("condition", JSON.valueToTree(
        java.util.Map.of("type", "CLASS", "className", GraphReader.RICH_AND,
            "nestedConditions", List.of(
                java.util.Map.of("type", "AVIATOR"),
                java.util.Map.of("type", "AVIATOR", "expression", "price > 1"),
                java.util.Map.of("type", "PYTHON"))))));
    assertThat(paths(problems), contains(
        "$.pattern.nodes[1].condition.nestedConditions[0].expression",
        "$.pattern.nodes[1].condition.nestedConditions[2].type"));
  }

  @Test
  void theChainIsNotCheckedWhileANodeDoesNotRead() {
    // The edge names a node that is not there; with node 1 unreadable, that is not looked at.
    List<RuleException> problems = problems(p -> {
      node(p, 1).remove("type");
      edge(p, 0).put("source", "nobody");
    });
    assertThat(paths(problems), contains("$.pattern.nodes[1].type"));
  }

  @Test
  void everyConditionThatDoesNotCompileIsReported() {
    List<RuleException> problems = problems(p -> {
      ((ObjectNode) node(p, 0).get("condition")).put("expression", "eventType == ");
      ((ObjectNode) node(p, 1).get("condition")).put("className", "com.example.NoSuch");
    });
    // the chain compiles from its begin node, node 1
    assertThat(paths(problems), contains(
        "$.pattern.nodes[1].condition.className",
        "$.pattern.nodes[0].condition.expression"));
    assertThat(problems.get(0).reason(), containsString("com.example.NoSuch"));
    assertThat(problems.get(1).reason(), containsString("does not compile"));
  }

  @Test
  void aStructuralProblemComesWithTheConditionsTheChainHadNotReached() {
    List<RuleException> problems = problems(p -> {
      // GREEDY with SKIP_TILL_ANY repetitions: Flink refuses it
      ((ArrayNode) node(p, 0).get("quantifier").get("properties")).add("GREEDY");
      ((ObjectNode) node(p, 0).get("quantifier")).put("consumingStrategy", "SKIP_TILL_ANY");
      ((ObjectNode) node(p, 0).get("condition")).put("expression", "eventType == ");
      ((ObjectNode) node(p, 1).get("condition")).put("className", "com.example.NoSuch");
    });
    assertThat(paths(problems), contains(
        "$.pattern.nodes[1].condition.className",
        "$.pattern.nodes[0].quantifier",
        "$.pattern.nodes[0].condition.expression"));
    assertThat(problems.get(1).reason(), containsString("SKIP_TILL_ANY"));
  }

  @Test
  void theMessageListsEveryProblemOnALineOfItsOwn() {
    ObjectNode pattern = valid();
    times(pattern).put("to", 1);
    edge(pattern, 0).put("type", "SOMETIMES");
    RuleException refused = assertThrows(RuleException.class,
        () -> RuleJson.parseRule("r7", 3, pattern.toString(), null));
    assertThat(refused.getMessage().lines().toList(), contains(
        startsWith("rule r7 v3 at $.pattern.nodes[0].quantifier.times.to: "),
        startsWith("rule r7 v3 at $.pattern.edges[0].type: ")));
  }

  @Test
  void aRowsColumnsAreReadApartAndARowWithoutAnIdIsNamedByItsPlace() {
    ObjectNode pattern = valid();
    edge(pattern, 0).put("type", "SOMETIMES");
    ObjectNode good = JSON.createObjectNode().put("id", "ok").put("version", 1);
    good.set("pattern", valid());
    ObjectNode bad = JSON.createObjectNode().put("version", "three").put("function", 5);
    bad.set("pattern", pattern);
    RuleException refused = assertThrows(RuleException.class,
        () -> RuleJson.parseRuleRows(JSON.createArrayNode().add(good).add(bad).toString()));
    List<RuleException> problems = refused.problems();
    assertThat(paths(problems),
        contains("$.id", "$.version", "$.function", "$.pattern.edges[0].type"));
    assertThat(problems.stream().map(RuleException::reason).toList(),
        everyItem(startsWith("row 1: ")));

    bad.put("id", "named");
    refused = assertThrows(RuleException.class,
        () -> RuleJson.parseRuleRows(JSON.createArrayNode().add(good).add(bad).toString()));
    problems = refused.problems();
    assertThat(paths(problems), contains("$.version", "$.function", "$.pattern.edges[0].type"));
    assertThat(problems.stream().map(RuleException::ruleId).toList(), hasSize(3));
    assertThat(problems.stream().map(RuleException::ruleId).distinct().toList(),
        contains("named"));
  }

  @Test
  void namingTheRuleAndThePlaceKeepsEveryProblem() {
    RuleException first = new RuleException(null, null, "$.a", "one");
    RuleException all = RuleException.all(List.of(first, new RuleException(null, null, "$.b",
        "two")));
    RuleException named = all.forRule("r9", 2).withReasonPrefix("row 4: ");
    assertThat(named.problems().stream().map(RuleException::getMessage).toList(), contains(
        "rule r9 v2 at $.a: row 4: one", "rule r9 v2 at $.b: row 4: two"));
    assertThat(named.getMessage(), is("rule r9 v2 at $.a: row 4: one\n"
        + "rule r9 v2 at $.b: row 4: two"));
    assertThat(first.problems(), contains(first));
  }
}
