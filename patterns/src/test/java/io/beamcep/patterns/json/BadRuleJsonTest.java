package io.beamcep.patterns.json;

import static io.beamcep.patterns.json.BadRules.ID;
import static io.beamcep.patterns.json.BadRules.VALID;
import static io.beamcep.patterns.json.BadRules.VERSION;
import static io.beamcep.patterns.json.BadRules.assertRefused;
import static io.beamcep.patterns.json.BadRules.edge;
import static io.beamcep.patterns.json.BadRules.node;
import static io.beamcep.patterns.json.BadRules.refused;
import static io.beamcep.patterns.json.BadRules.times;
import static io.beamcep.patterns.json.BadRules.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.RuleException;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad rule JSON (syntax, types, unknown values, missing parts, bad values) is refused
 * with the rule's id and version, the JSON path of the bad spot and a reason a person can act on.
 * Each test starts from the valid two-node rule of {@link BadRules} and breaks one thing; bad graph
 * shapes are in {@link BadRuleGraphTest}.
 */
class BadRuleJsonTest {
  @Test
  void theValidBaseParses() {
    assertEquals("second", RuleJson.parseRule(ID, VERSION, VALID, null).pattern().name());
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    RuleException e = refused("{\"name\":\"x\",\n \"nodes\": [ }");
    assertEquals("$.pattern", e.jsonPath());
    assertTrue(e.reason().startsWith("malformed JSON at line 2, column"), e.reason());
  }

  @Test
  void duplicateKeysAreRefusedRatherThanOneSilentlyDropped() {
    RuleException e = refused("{\"nodes\":[], \"nodes\":[]}");
    assertTrue(e.reason().contains("Duplicate field 'nodes'"), e.reason());
  }

  @Test
  void emptyPatternText() {
    assertEquals("$.pattern", refused("  ").jsonPath());
  }

  @Test
  void patternThatIsNotAnObject() {
    RuleException e = refused("[1, 2]");
    assertEquals("$.pattern", e.jsonPath());
    assertTrue(e.reason().contains("expected an object but found array"), e.reason());
  }

  @Test
  void wrongJsonTypeForAName() {
    assertRefused(
        p -> node(p, 1).put("name", 5),
        "$.pattern.nodes[1].name",
        "expected a string but found number 5");
  }

  @Test
  void wrongJsonTypeForTimesFrom() {
    assertRefused(
        p -> times(p).put("from", "2"),
        "$.pattern.nodes[0].quantifier.times.from",
        "expected a whole number");
    assertRefused(
        p -> times(p).put("from", 2.5),
        "$.pattern.nodes[0].quantifier.times.from",
        "expected a whole number");
  }

  @Test
  void wrongJsonTypeForNodes() {
    assertRefused(
        p -> p.put("nodes", "first"),
        "$.pattern.nodes",
        "expected an array but found string");
  }

  @Test
  void unknownEdgeTypeListsTheAllowedOnes() {
    assertRefused(
        p -> edge(p, 0).put("type", "FOLLOWED_BY"),
        "$.pattern.edges[0].type",
        "unknown 'type' value 'FOLLOWED_BY'; allowed: STRICT, SKIP_TILL_NEXT, SKIP_TILL_ANY, "
            + "NOT_NEXT, NOT_FOLLOW");
  }

  @Test
  void unknownNodeType() {
    assertRefused(
        p -> node(p, 0).put("type", "SIMPLE"),
        "$.pattern.nodes[0].type",
        "allowed: ATOMIC, COMPOSITE");
  }

  @Test
  void unknownQuantifierProperty() {
    assertRefused(
        p -> ((ArrayNode) node(p, 0).get("quantifier").get("properties")).add("TWICE"),
        "$.pattern.nodes[0].quantifier.properties[1]",
        "unknown quantifier property value 'TWICE'; allowed: SINGLE, LOOPING, TIMES, OPTIONAL, "
            + "GREEDY");
  }

  @Test
  void contradictingQuantifierProperties() {
    assertRefused(
        p -> ((ArrayNode) node(p, 0).get("quantifier").get("properties")).add("LOOPING"),
        "$.pattern.nodes[0].quantifier.properties",
        "contradict each other");
  }

  @Test
  void unknownConsumingStrategy() {
    assertRefused(
        p -> ((ObjectNode) node(p, 0).get("quantifier")).put("consumingStrategy", "NOT_NEXT"),
        "$.pattern.nodes[0].quantifier.consumingStrategy",
        "allowed: STRICT, SKIP_TILL_NEXT, SKIP_TILL_ANY");
  }

  @Test
  void unknownTimeUnit() {
    assertRefused(
        p -> ((ObjectNode) p.get("window").get("time")).put("unit", "WEEKS"),
        "$.pattern.window.time.unit",
        "unknown 'unit' value 'WEEKS'; allowed: NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, "
            + "MINUTES, HOURS, DAYS");
  }

  @Test
  void unknownWindowTypeAndAfterMatchAndConditionType() {
    assertRefused(
        p -> ((ObjectNode) p.get("window")).put("type", "SLIDING"),
        "$.pattern.window.type",
        "PREVIOUS_AND_CURRENT");
    assertRefused(
        p -> ((ObjectNode) p.get("afterMatchStrategy")).put("type", "SKIP_ALL"),
        "$.pattern.afterMatchStrategy.type",
        "allowed: NO_SKIP, SKIP_TO_NEXT, SKIP_PAST_LAST_EVENT, SKIP_TO_FIRST, SKIP_TO_LAST");
    assertRefused(
        p -> ((ObjectNode) node(p, 0).get("condition")).put("type", "GROOVY"),
        "$.pattern.nodes[0].condition.type",
        "allowed: CLASS, AVIATOR");
  }

  @Test
  void missingNodeName() {
    assertRefused(
        p -> node(p, 1).remove("name"),
        "$.pattern.nodes[1].name",
        "missing required key 'name'");
    assertRefused(p -> node(p, 1).put("name", ""), "$.pattern.nodes[1].name", "must not be empty");
  }

  @Test
  void missingNodeType() {
    assertRefused(
        p -> node(p, 1).remove("type"),
        "$.pattern.nodes[1].type",
        "missing required key 'type'");
  }

  @Test
  void missingEdgeParts() {
    assertRefused(
        p -> edge(p, 0).remove("source"),
        "$.pattern.edges[0].source",
        "missing required key 'source'");
    assertRefused(
        p -> edge(p, 0).remove("target"),
        "$.pattern.edges[0].target",
        "missing required key 'target'");
    assertRefused(
        p -> edge(p, 0).remove("type"),
        "$.pattern.edges[0].type",
        "missing required key 'type'");
  }

  @Test
  void missingConditionParts() {
    assertRefused(
        p -> ((ObjectNode) node(p, 0).get("condition")).remove("type"),
        "$.pattern.nodes[0].condition.type",
        "missing required key 'type'");
    assertRefused(
        p -> ((ObjectNode) node(p, 0).get("condition")).remove("expression"),
        "$.pattern.nodes[0].condition.expression",
        "missing required key 'expression'");
    assertRefused(
        p -> ((ObjectNode) node(p, 1).get("condition")).remove("className"),
        "$.pattern.nodes[1].condition.className",
        "missing required key 'className'");
  }

  @Test
  void notConditionNeedsExactlyOneNestedCondition() {
    assertRefused(
        p -> {
          ObjectNode not = node(p, 1).putObject("condition");
          not.put("type", "CLASS")
              .put("className", "org.apache.flink.cep.pattern.conditions.RichNotCondition");
          not.putArray("nestedConditions")
              .addObject()
              .put("type", "AVIATOR")
              .put("expression", "true");
          ((ArrayNode) not.get("nestedConditions"))
              .addObject()
              .put("type", "AVIATOR")
              .put("expression", "false");
        },
        "$.pattern.nodes[1].condition.nestedConditions",
        "needs exactly 1 nested condition(s) but has 2");
  }

  @Test
  void aBadNestedConditionIsLocatedInsideTheComposite() {
    assertRefused(
        p -> {
          ObjectNode and = node(p, 1).putObject("condition");
          and.put("type", "CLASS")
              .put("className", "org.apache.flink.cep.pattern.conditions.RichAndCondition");
          ArrayNode nested = and.putArray("nestedConditions");
          nested.addObject().put("type", "AVIATOR").put("expression", "true");
          nested.addObject().put("type", "AVIATOR");
        },
        "$.pattern.nodes[1].condition.nestedConditions[1].expression",
        "missing required key 'expression'");
  }

  @Test
  void conditionArgumentsMustBeScalars() {
    assertRefused(
        p -> ((ObjectNode) node(p, 1).get("condition")).putArray("args").add("ok").addObject(),
        "$.pattern.nodes[1].condition.args[1]",
        "an argument must be a string, number, boolean or null");
  }

  @Test
  void fromGreaterThanTo() {
    assertRefused(
        p -> times(p).put("from", 4),
        "$.pattern.nodes[0].quantifier.times.to",
        "'to' (3) must not be less than 'from' (4)");
  }

  @Test
  void fromBelowOne() {
    assertRefused(
        p -> times(p).put("from", 0),
        "$.pattern.nodes[0].quantifier.times.from",
        "'from' must be at least 1 but is 0");
    assertRefused(
        p -> times(p).put("from", -2),
        "$.pattern.nodes[0].quantifier.times.from",
        "at least 1");
  }

  @Test
  void timesQuantifierWithoutTimes() {
    assertRefused(
        p -> ((ObjectNode) node(p, 0).get("quantifier")).putNull("times"),
        "$.pattern.nodes[0].quantifier.times",
        "a TIMES quantifier needs");
  }

  @Test
  void windowTimeSizeMustBePositive() {
    assertRefused(
        p -> ((ObjectNode) times(p).get("windowTime")).put("size", 0),
        "$.pattern.nodes[0].quantifier.times.windowTime.size",
        "a time size must be positive but is 0");
  }

  @Test
  void windowSizeMustBePositive() {
    assertRefused(
        p -> ((ObjectNode) p.get("window").get("time")).put("size", -5),
        "$.pattern.window.time.size",
        "must be positive but is -5");
    assertRefused(
        p -> ((ObjectNode) p.get("window")).remove("time"),
        "$.pattern.window.time",
        "missing required key 'time'");
  }

  @Test
  void aWindowTheEngineCannotCountInMillisecondsIsRefused() {
    // Duration holds 10^12 days, but not as milliseconds: this was an ArithmeticException with
    // no path ("long overflow") wherever the window was used
    assertRefused(
        p -> ((ObjectNode) p.get("window").get("time")).put("unit", "DAYS")
            .put("size", 1_000_000_000_000L),
        "$.pattern.window.time.size",
        "time 1000000000000 DAYS is too large");
    assertRefused(
        p -> ((ObjectNode) times(p).get("windowTime")).put("unit", "HOURS")
            .put("size", Long.MAX_VALUE / 3_600),
        "$.pattern.nodes[0].quantifier.times.windowTime.size",
        "HOURS is too large");
  }

  @Test
  void untilConditionOnlyOnLoopingNodes() {
    assertRefused(
        p -> ((ObjectNode) node(p, 0).get("quantifier"))
            .putObject("untilCondition")
            .put("type", "AVIATOR")
            .put("expression", "true"),
        "$.pattern.nodes[0].quantifier.untilCondition",
        "only applies to a LOOPING quantifier");
  }

  @Test
  void greedyNeedsARepeatingNode() {
    assertRefused(
        p -> node(p, 1).putObject("quantifier").putArray("properties").add("SINGLE").add("GREEDY"),
        "$.pattern.nodes[1].quantifier.properties",
        "GREEDY only applies to LOOPING or TIMES");
  }

  @Test
  void skipToNeedsAnExistingPatternName() {
    assertRefused(
        p -> ((ObjectNode) p.get("afterMatchStrategy")).put("type", "SKIP_TO_FIRST"),
        "$.pattern.afterMatchStrategy.patternName",
        "SKIP_TO_FIRST needs the 'patternName'");
    assertRefused(
        p -> ((ObjectNode) p.get("afterMatchStrategy"))
            .put("type", "SKIP_TO_LAST")
            .put("patternName", "nope"),
        "$.pattern.afterMatchStrategy.patternName",
        "no node is named 'nope'");
  }

  @Test
  void onlyFormatVersionOneAndCompositeTopLevel() {
    assertRefused(
        p -> p.put("version", 2),
        "$.pattern.version",
        "unsupported pattern format version 2");
    assertRefused(p -> p.put("type", "ATOMIC"), "$.pattern.type", "must be of type COMPOSITE");
  }

  @Test
  void unknownKeysAreIgnored() {
    ObjectNode pattern = valid();
    pattern.put("comment", "written by hand");
    node(pattern, 0).put("extra", 1);
    assertEquals(
        RuleJson.parseRule(ID, VERSION, VALID, null),
        RuleJson.parseRule(ID, VERSION, pattern.toString(), null));
  }
}
