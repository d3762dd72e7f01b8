package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule's part of Flink's SharedBuffer: nodes (event taken by a pattern name) linked backwards
 * by edges labelled with Dewey versions, all reference counted. A partial match is the path from
 * its last node backwards along edges compatible with its version.
 */
final class RuleBuffer {
  static final class Edge {
    final NodeId target; // null: the beginning of a match
    final DeweyNumber version;
    int refs;

    Edge(NodeId target, DeweyNumber version, int refs) {
      this.target = target;
      this.version = version;
      this.refs = refs;
    }

    boolean release() {
      if (refs <= 0) {
        return true;
      }
      refs--;
      return refs == 0;
    }
  }

  static final class BufferNode {
    final List<Edge> edges = new ArrayList<>(2);
    int refs;

    boolean release() {
      if (refs <= 0) {
        return true;
      }
      refs--;
      return refs == 0;
    }
  }

  final Map<NodeId, BufferNode> nodes = new HashMap<>();
  final EventStore events;

  RuleBuffer(EventStore events) {
    this.events = events;
  }

  NodeId put(String pageName, EventId eventId, NodeId previous, DeweyNumber version) {
    if (previous != null) {
      lockNode(previous, version);
    }
    NodeId id = new NodeId(eventId, pageName);
    BufferNode node = nodes.get(id);
    if (node == null) {
      node = new BufferNode();
      nodes.put(id, node);
      events.lock(eventId);
    }
    node.edges.add(new Edge(previous, version, 0));
    return id;
  }

  void lockNode(NodeId id, DeweyNumber version) {
    BufferNode node = nodes.get(id);
    if (node != null) {
      node.refs++;
      for (Edge edge : node.edges) {
        if (version.isCompatibleWith(edge.version)) {
          edge.refs++;
        }
      }
    }
  }

  void releaseNode(NodeId start, DeweyNumber startVersion) {
    if (start == null) {
      return;
    }
    // Flink's walk with an explicit stack; most walks follow one chain, so the stack is only
    // allocated when a node releases a second edge
    ArrayDeque<NodeId> nodeStack = null;
    ArrayDeque<DeweyNumber> versionStack = null;
    NodeId current = start;
    DeweyNumber version = startVersion;
    while (current != null) {
      BufferNode node = nodes.get(current);
      if (node == null) {
        break; // as Flink does: an already freed node ends the walk
      }
      NodeId nextNode = null;
      DeweyNumber nextVersion = null;
      boolean haveNext = false;
      Iterator<Edge> edges = node.edges.iterator();
      while (edges.hasNext()) {
        Edge edge = edges.next();
        if (version.isCompatibleWith(edge.version) && edge.release()) {
          edges.remove();
          if (edge.target != null) {
            if (haveNext) {
              // Flink pushes every released target; the stack pops the last pushed first
              if (nodeStack == null) {
                nodeStack = new ArrayDeque<>();
                versionStack = new ArrayDeque<>();
              }
              nodeStack.push(nextNode);
              versionStack.push(nextVersion);
            }
            nextNode = edge.target;
            nextVersion = edge.version;
            haveNext = true;
          }
        }
      }
      if (node.release()) {
        nodes.remove(current);
        events.release(current.eventId());
      }
      if (haveNext) {
        current = nextNode;
        version = nextVersion;
      } else if (nodeStack != null && !nodeStack.isEmpty()) {
        current = nodeStack.pop();
        version = versionStack.pop();
      } else {
        current = null;
      }
    }
  }

  /** Flink's extractPatterns: every path compatible with {@code version}, events oldest first. */
  List<Map<String, List<EventId>>> extractPatterns(NodeId start, DeweyNumber startVersion) {
    BufferNode first = nodes.get(start);
    if (first == null) {
      return Collections.emptyList();
    }
    List<Map<String, List<EventId>>> result = new ArrayList<>(1);
    ArrayDeque<Extraction> stack = new ArrayDeque<>();
    stack.push(new Extraction(start, first, startVersion, new ArrayList<>()));
    while (!stack.isEmpty()) {
      Extraction state = stack.pop();
      List<NodeId> path = state.path;
      if (state.node == null) {
        Map<String, List<EventId>> complete = new LinkedHashMap<>();
        for (int i = path.size() - 1; i >= 0; i--) {
          NodeId id = path.get(i);
          complete.computeIfAbsent(id.pageName(), k -> new ArrayList<>()).add(id.eventId());
        }
        result.add(complete);
      } else {
        path.add(state.id);
        boolean firstMatch = true;
        for (Edge edge : state.node.edges) {
          if (state.version.isCompatibleWith(edge.version)) {
            List<NodeId> newPath;
            if (firstMatch) {
              newPath = path;
              firstMatch = false;
            } else {
              newPath = new ArrayList<>(path);
            }
            BufferNode target = edge.target == null ? null : nodes.get(edge.target);
            stack.push(new Extraction(edge.target, target, edge.version, newPath));
          }
        }
      }
    }
    return result;
  }

  private record Extraction(NodeId id, BufferNode node, DeweyNumber version, List<NodeId> path) {}

  Map<String, List<Event>> materialize(Map<String, List<EventId>> match) {
    Map<String, List<Event>> result = new LinkedHashMap<>();
    for (Map.Entry<String, List<EventId>> entry : match.entrySet()) {
      List<Event> list = new ArrayList<>(entry.getValue().size());
      for (EventId id : entry.getValue()) {
        list.add(events.get(id));
      }
      result.put(entry.getKey(), Collections.unmodifiableList(list));
    }
    return Collections.unmodifiableMap(result);
  }

  static Map<String, List<Long>> timestamps(Map<String, List<EventId>> match) {
    Map<String, List<Long>> result = new LinkedHashMap<>();
    for (Map.Entry<String, List<EventId>> entry : match.entrySet()) {
      List<Long> list = new ArrayList<>(entry.getValue().size());
      for (EventId id : entry.getValue()) {
        list.add(id.timestamp());
      }
      result.put(entry.getKey(), Collections.unmodifiableList(list));
    }
    return Collections.unmodifiableMap(result);
  }

  /** Frees every node of this rule (the rule left the matcher). */
  void dropAll() {
    for (NodeId id : nodes.keySet()) {
      events.release(id.eventId());
    }
    nodes.clear();
  }
}
