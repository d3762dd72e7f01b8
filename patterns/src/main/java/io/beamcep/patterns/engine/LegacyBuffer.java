package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How key state written before format 4 held a rule's partial matches: Flink's SharedBuffer, nodes
 * (an event taken by a pattern name) linked backwards by edges labelled with Dewey versions. Only
 * read now: decoding such state rebuilds the graph and recovers each partial match's path the way
 * Flink does ({@link #extractPatterns}), which the engine then keeps as a {@link PathNode} chain.
 */
final class LegacyBuffer {
  private LegacyBuffer() {}

  /** A buffer node and its edges (target, version) in insertion order. */
  static final class Node {
    final EventId id;
    final Event event;
    final String pageName;
    /** Freed before the state was written: a walk that reaches it ends, as Flink's lookup did. */
    final boolean freed;
    private final List<Node> targets = new ArrayList<>(1);
    private final List<DeweyNumber> versions = new ArrayList<>(1);

    Node(EventId id, Event event, String pageName) {
      this(id, event, pageName, false);
    }

    private Node(EventId id, Event event, String pageName, boolean freed) {
      this.id = id;
      this.event = event;
      this.pageName = pageName;
      this.freed = freed;
    }

    void addEdge(Node target, DeweyNumber version) {
      targets.add(target);
      versions.add(version);
    }

    @Override
    public String toString() {
      return "Node[" + id + ", " + pageName + "]";
    }
  }

  /** Stands for a reference to a node freed before the state was encoded. */
  static final Node FREED = new Node(null, null, "(freed)", true);

  /**
   * The path Flink's extractPatterns gives first for a partial match at {@code start} with {@code
   * version}, as a chain; null when there is none (no node, or no complete path).
   */
  static PathNode pathOf(Node start, DeweyNumber version) {
    List<Node[]> paths = extractPatterns(start, version);
    if (paths.isEmpty()) {
      return null;
    }
    PathNode newest = null;
    for (Node node : paths.get(0)) {
      newest = new PathNode(node.id, node.event, node.pageName, newest);
    }
    return newest;
  }

  /** Flink's extractPatterns: every path compatible with {@code version}, each oldest first. */
  private static List<Node[]> extractPatterns(Node start, DeweyNumber startVersion) {
    if (start == null || start.freed) {
      return Collections.emptyList();
    }
    List<Node[]> result = new ArrayList<>(2);
    ArrayDeque<Extraction> stack = new ArrayDeque<>();
    stack.push(new Extraction(start, startVersion, new ArrayList<>()));
    while (!stack.isEmpty()) {
      Extraction state = stack.pop();
      List<Node> path = state.path;
      if (state.node == null) {
        Node[] oldestFirst = path.toArray(new Node[0]);
        Collections.reverse(Arrays.asList(oldestFirst));
        result.add(oldestFirst);
      } else {
        path.add(state.node);
        boolean firstMatch = true;
        Node node = state.node;
        for (int i = 0; i < node.targets.size(); i++) {
          DeweyNumber edgeVersion = node.versions.get(i);
          if (state.version.isCompatibleWith(edgeVersion)) {
            List<Node> newPath;
            if (firstMatch) {
              newPath = path;
              firstMatch = false;
            } else {
              newPath = new ArrayList<>(path);
            }
            Node target = node.targets.get(i);
            stack.push(new Extraction(target == null || target.freed ? null : target,
                edgeVersion, newPath));
          }
        }
      }
    }
    return result;
  }

  private record Extraction(Node node, DeweyNumber version, List<Node> path) {}
}
