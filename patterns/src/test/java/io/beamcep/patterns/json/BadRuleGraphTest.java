package io.beamcep.patterns.json;

import static io.beamcep.patterns.json.BadRules.ID;
import static io.beamcep.patterns.json.BadRules.VERSION;
import static io.beamcep.patterns.json.BadRules.assertRefused;
import static io.beamcep.patterns.json.BadRules.edge;
import static io.beamcep.patterns.json.BadRules.node;
import static io.beamcep.patterns.json.BadRules.refused;
import static io.beamcep.patterns.json.BadRules.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.model.Graph;
import org.junit.jupiter.api.Test;

/**
 * Every bad shape of a rule's graph is refused as its JSON is read: duplicate names (also across
 * nested graphs), edges to unknown nodes, no or several begin nodes, branches, cycles, unreachable
 * nodes, empty graphs. Each test starts from the valid two-node rule of {@link BadRules} and breaks
 * one thing; the error names the rule id, version and JSON path.
 */
class BadRuleGraphTest {
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
}
