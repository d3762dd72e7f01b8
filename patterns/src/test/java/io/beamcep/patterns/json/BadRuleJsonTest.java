package io.beamcep.patterns.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.model.Graph;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad rule is refused with the rule's id and version, the JSON path of the bad spot
 * and a reason a person can act on. Each test starts from a valid two-node rule and breaks one
 * thing.
 */
class BadRuleJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "r7";
  private static final int VERSION = 3;

  /**
   * first (ATOMIC) -STRICT-> second (ATOMIC, TIMES 2..3), listed last to first as the reference
   * does.
   */
  private static final String VALID =
      """
      {"name":"second","type":"COMPOSITE","version":1,
       "nodes":[
        {"name":"second","type":"ATOMIC",
         "quantifier":{"consumingStrategy":"SKIP_TILL_NEXT","properties":["TIMES"],
                       "times":{"from":2,"to":3,"windowTime":{"unit":"SECONDS","size":10}},
                       "untilCondition":null},
         "condition":{"type":"AVIATOR","expression":"eventType == 'cart'"}},
        {"name":"first","type":"ATOMIC","quantifier":null,
         "condition":{"type":"CLASS",\
      "className":"com.alibaba.ververica.cep.demo.condition.FirstViewCondition"}}],
       "edges":[{"source":"first","target":"second","type":"STRICT"}],
       "window":{"type":"FIRST_AND_LAST","time":{"unit":"MINUTES","size":5}},
       "afterMatchStrategy":{"type":"NO_SKIP","patternName":null}}
      """;

  private static ObjectNode valid() {
    try {
      return (ObjectNode) JSON.readTree(VALID);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode node(ObjectNode pattern, int index) {
    return (ObjectNode) pattern.get("nodes").get(index);
  }

  private static ObjectNode edge(ObjectNode pattern, int index) {
    return (ObjectNode) pattern.get("edges").get(index);
  }

  private static ObjectNode times(ObjectNode pattern) {
    return (ObjectNode) node(pattern, 0).get("quantifier").get("times");
  }

  private static RuleException refused(String patternText) {
    RuleException e =
        assertThrows(RuleException.class, () -> RuleJson.parseRule(ID, VERSION, patternText, null));
    assertEquals(ID, e.ruleId());
    assertEquals(VERSION, e.ruleVersion());
    return e;
  }

  private static void assertRefused(Consumer<ObjectNode> breakIt, String path, String reasonPart) {
    ObjectNode pattern = valid();
    breakIt.accept(pattern);
    RuleException e = refused(pattern.toString());
    assertEquals(path, e.jsonPath(), e.getMessage());
    assertTrue(e.reason().contains(reasonPart), "reason was: " + e.reason());
    assertTrue(e.getMessage().startsWith("rule r7 v3 at " + path + ": "), e.getMessage());
  }

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
  void duplicateNodeNames() {
    assertRefused(
        p -> node(p, 1).put("name", "second"),
        "$.pattern.nodes[1].name",
        "duplicate node name 'second' (also used at $.pattern.nodes[0])");
  }

  @Test
  void duplicateNodeNamesAcrossNestedGraphs() {
    assertRefused(
        p -> {
          ObjectNode group = node(p, 0);
          group.put("type", "COMPOSITE").put("name", "group");
          group.remove("condition");
          group.putArray("nodes").addObject().put("name", "first").put("type", "ATOMIC");
          group.putArray("edges");
          edge(p, 0).put("target", "group");
        },
        "$.pattern.nodes[1].name",
        "duplicate node name 'first' (also used at $.pattern.nodes[0].nodes[0])");
  }

  @Test
  void aGroupMayBeNamedAfterItsLastNodeAsTheReferenceWritesIt() {
    ObjectNode pattern = valid();
    ObjectNode group = node(pattern, 0);
    group.put("type", "COMPOSITE");
    group.remove("condition");
    ArrayNode inner = group.putArray("nodes");
    inner.addObject().put("name", "second").put("type", "ATOMIC");
    inner.addObject().put("name", "inner_first").put("type", "ATOMIC");
    group.putArray("edges")
        .addObject()
        .put("source", "inner_first")
        .put("target", "second")
        .put("type", "STRICT");
    Graph parsed = RuleJson.parseRule(ID, VERSION, pattern.toString(), null).pattern();
    assertEquals("second", parsed.nodes().get(0).name());
    assertEquals(2, ((Graph) parsed.nodes().get(0)).nodes().size());
  }

  @Test
  void siblingGroupsWithTheSameName() {
    assertRefused(
        p -> {
          for (int i = 0; i < 2; i++) {
            ObjectNode group = node(p, i);
            group.put("type", "COMPOSITE").put("name", "g");
            group.remove("condition");
            group.putArray("nodes").addObject().put("name", "inner" + i).put("type", "ATOMIC");
          }
        },
        "$.pattern.nodes[1].name",
        "duplicate node name 'g' (also used at $.pattern.nodes[0])");
  }

  @Test
  void aGraphCannotCarryAConditionOfItsOwn() {
    assertRefused(
        p -> p.putObject("condition").put("type", "AVIATOR").put("expression", "true"),
        "$.pattern.condition",
        "a graph has no condition of its own");
    assertRefused(
        p -> node(p, 1)
            .put("type", "COMPOSITE")
            .putArray("nodes")
            .addObject()
            .put("name", "x")
            .put("type", "ATOMIC"),
        "$.pattern.nodes[1].condition",
        "a graph has no condition of its own");
  }

  @Test
  void edgeToAnUnknownNode() {
    assertRefused(
        p -> edge(p, 0).put("target", "third"),
        "$.pattern.edges[0].target",
        "edge names unknown node 'third'; nodes here: [second, first]");
    assertRefused(
        p -> edge(p, 0).put("source", "zero"),
        "$.pattern.edges[0].source",
        "unknown node 'zero'");
  }

  @Test
  void noBeginNodeBecauseOfACycle() {
    assertRefused(
        p -> ((ArrayNode) p.get("edges"))
            .addObject()
            .put("source", "second")
            .put("target", "first")
            .put("type", "STRICT"),
        "$.pattern.edges",
        "no begin node");
  }

  @Test
  void severalBeginNodes() {
    assertRefused(
        p -> ((ArrayNode) p.get("edges")).removeAll(),
        "$.pattern.edges",
        "several begin nodes [second, first]");
  }

  @Test
  void aNodeWithTwoOutgoingEdges() {
    assertRefused(
        p -> {
          ((ArrayNode) p.get("nodes")).addObject().put("name", "third").put("type", "ATOMIC");
          ((ArrayNode) p.get("edges"))
              .addObject()
              .put("source", "first")
              .put("target", "third")
              .put("type", "STRICT");
        },
        "$.pattern.edges[1].source",
        "node 'first' has two outgoing edges (to 'second' and 'third')");
  }

  @Test
  void aNodeWithTwoIncomingEdges() {
    assertRefused(
        p -> {
          ((ArrayNode) p.get("nodes")).addObject().put("name", "third").put("type", "ATOMIC");
          ((ArrayNode) p.get("edges"))
              .addObject()
              .put("source", "third")
              .put("target", "second")
              .put("type", "STRICT");
        },
        "$.pattern.edges[1].target",
        "node 'second' has two incoming edges");
  }

  @Test
  void aNodeFollowingItself() {
    assertRefused(
        p -> edge(p, 0).put("source", "second"),
        "$.pattern.edges[0]",
        "cannot follow itself");
  }

  @Test
  void nodesNotReachableFromTheBegin() {
    // begin -> second; first <-> third form a separate cycle nothing leads into.
    assertRefused(
        p -> {
          ArrayNode nodes = (ArrayNode) p.get("nodes");
          nodes.addObject().put("name", "third").put("type", "ATOMIC");
          nodes.addObject().put("name", "begin").put("type", "ATOMIC");
          edge(p, 0).put("source", "begin");
          ArrayNode edges = (ArrayNode) p.get("edges");
          edges.addObject().put("source", "first").put("target", "third").put("type", "STRICT");
          edges.addObject().put("source", "third").put("target", "first").put("type", "STRICT");
        },
        "$.pattern.nodes[1]",
        "node 'first' is not reachable from the begin node 'begin'");
  }

  @Test
  void emptyNodesList() {
    assertRefused(
        p -> ((ArrayNode) p.get("nodes")).removeAll(),
        "$.pattern.nodes",
        "at least one node");
    assertRefused(p -> p.remove("nodes"), "$.pattern.nodes", "missing required key 'nodes'");
  }

  @Test
  void emptyNestedGraph() {
    assertRefused(
        p -> {
          node(p, 1).put("type", "COMPOSITE").putArray("nodes");
          node(p, 1).remove("condition");
        },
        "$.pattern.nodes[1].nodes",
        "at least one node");
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
