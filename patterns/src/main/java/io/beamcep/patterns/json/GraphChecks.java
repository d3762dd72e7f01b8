package io.beamcep.patterns.json;

import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.Edge;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural checks of a parsed graph: node names unique across the whole rule (they key the
 * match output), and at every level the edges form exactly one chain from one begin node, as
 * Flink's {@code Pattern} API can only build chains.
 */
final class GraphChecks {
  private GraphChecks() {}

  static void check(Graph pattern, String path, Fields fields) {
    Map<String, String> pathsByName = new LinkedHashMap<>();
    collectNames(pattern, path, fields, pathsByName);
    checkChain(pattern, path, fields);
    AfterMatchType skip = pattern.afterMatch().type();
    String target = pattern.afterMatch().patternName().orElse(null);
    boolean needsTarget =
        skip == AfterMatchType.SKIP_TO_FIRST || skip == AfterMatchType.SKIP_TO_LAST;
    if (needsTarget && !pathsByName.containsKey(target)) {
      throw fields.error(
          path + ".afterMatchStrategy.patternName",
          "no node is named '" + target + "'; nodes: " + pathsByName.keySet());
    }
  }

  /** The name no edge leaves from, or the first listed node when that is not unique. */
  static String endNodeName(List<Node> nodes, List<Edge> edges) {
    Set<String> sources = new HashSet<>();
    for (Edge edge : edges) {
      sources.add(edge.source());
    }
    String end = null;
    for (Node node : nodes) {
      if (!sources.contains(node.name())) {
        if (end != null) {
          return nodes.get(0).name();
        }
        end = node.name();
      }
    }
    return end != null ? end : nodes.get(0).name();
  }

  /**
   * Atomic node names key the events of a match, so they are unique across the whole rule. A
   * nested graph's name only has to differ from its siblings (checked per level): the reference
   * names a group after its last node, so that name legitimately appears twice.
   */
  private static void collectNames(
      Graph graph, String path, Fields fields, Map<String, String> pathsByName) {
    for (int i = 0; i < graph.nodes().size(); i++) {
      Node node = graph.nodes().get(i);
      String nodePath = path + ".nodes[" + i + "]";
      if (node instanceof Graph nested) {
        collectNames(nested, nodePath, fields, pathsByName);
        continue;
      }
      String earlier = pathsByName.putIfAbsent(node.name(), nodePath);
      if (earlier != null) {
        throw fields.error(
            nodePath + ".name",
            "duplicate node name '" + node.name() + "' (also used at " + earlier + ")");
      }
    }
  }

  private static void checkChain(Graph graph, String path, Fields fields) {
    Map<String, Integer> indexByName = new LinkedHashMap<>();
    for (int i = 0; i < graph.nodes().size(); i++) {
      Integer earlier = indexByName.putIfAbsent(graph.nodes().get(i).name(), i);
      if (earlier != null) {
        throw fields.error(
            path + ".nodes[" + i + "].name",
            "duplicate node name '" + graph.nodes().get(i).name() + "' (also used at " + path
                + ".nodes[" + earlier + "])");
      }
    }
    Map<String, String> next = new HashMap<>();
    Set<String> targets = new HashSet<>();
    for (int i = 0; i < graph.edges().size(); i++) {
      Edge edge = graph.edges().get(i);
      String edgePath = path + ".edges[" + i + "]";
      requireKnown(edge.source(), edgePath + ".source", indexByName, fields);
      requireKnown(edge.target(), edgePath + ".target", indexByName, fields);
      if (edge.source().equals(edge.target())) {
        throw fields.error(
            edgePath,
            "node '" + edge.source() + "' cannot follow itself; use a LOOPING or TIMES quantifier");
      }
      if (next.putIfAbsent(edge.source(), edge.target()) != null) {
        throw fields.error(
            edgePath + ".source",
            "node '" + edge.source() + "' has two outgoing edges (to '" + next.get(edge.source())
                + "' and '" + edge.target() + "'); a pattern must be one chain");
      }
      if (!targets.add(edge.target())) {
        throw fields.error(
            edgePath + ".target",
            "node '" + edge.target() + "' has two incoming edges; a pattern must be one chain");
      }
    }
    List<String> begins = new ArrayList<>();
    for (String name : indexByName.keySet()) {
      if (!targets.contains(name)) {
        begins.add(name);
      }
    }
    if (begins.isEmpty()) {
      throw fields.error(
          path + ".edges",
          "no begin node: every node is the target of an edge, so the edges form a cycle");
    }
    if (begins.size() > 1) {
      throw fields.error(
          path + ".edges",
          "several begin nodes "
              + begins
              + "; every node but the first must be the target of an edge");
    }
    Set<String> reached = new HashSet<>();
    for (String name = begins.get(0); name != null; name = next.get(name)) {
      reached.add(name);
    }
    for (Map.Entry<String, Integer> node : indexByName.entrySet()) {
      if (!reached.contains(node.getKey())) {
        throw fields.error(
            path + ".nodes[" + node.getValue() + "]",
            "node '" + node.getKey() + "' is not reachable from the begin node '" + begins.get(0)
                + "': its edges form a cycle");
      }
    }
    for (int i = 0; i < graph.nodes().size(); i++) {
      if (graph.nodes().get(i) instanceof Graph nested) {
        checkChain(nested, path + ".nodes[" + i + "]", fields);
      }
    }
  }

  private static void requireKnown(
      String name, String path, Map<String, Integer> indexByName, Fields fields) {
    if (!indexByName.containsKey(name)) {
      throw fields.error(
          path, "edge names unknown node '" + name + "'; nodes here: " + indexByName.keySet());
    }
  }
}
