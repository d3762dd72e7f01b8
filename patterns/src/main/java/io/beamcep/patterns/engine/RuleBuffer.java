package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;

/**
 * One rule's part of Flink's SharedBuffer: nodes (event taken by a pattern name) linked backwards
 * by edges labelled with Dewey versions, all reference counted. A partial match is the path from
 * its last node backwards along edges compatible with its version.
 *
 * <p>Flink keys nodes by NodeId (event id, pattern name) in a map and follows edges by map lookup.
 * Here nodes point at each other directly, and a freed node is only marked, so the per-event path
 * does no hashing. A node can only gain edges while its event is the one being processed, so the
 * node to reuse for an (event, pattern name) pair is found among that event's few nodes.
 */
final class RuleBuffer {
  /**
   * Flink's SharedBufferNode with its NodeId and lock count (Lockable), and its edges (Flink's
   * SharedBufferEdge: previous node, version, lock count) in insertion order, each with its
   * version's {@link DeweyNumber#head()}, so a scan over many edges, as when many partial matches
   * took the same event, rejects most of them reading one array.
   *
   * <p>The first edge lives in fields: nearly half the nodes have only one, and per-edge arrays made
   * for each node were most of a key's objects (what a young collection copies, and what an event
   * for a cold key has to load). Later edges sit in two arrays made for the second edge:
   * {@code links} holds target and version, {@code words} head and lock count, each edge in two
   * consecutive slots.
   */
  static final class Node {
    final EventStore.Entry event;
    final String pageName;
    private int edgeCount;
    private Node firstTarget; // null: the beginning of a match
    private DeweyNumber firstVersion;
    private long firstHead;
    private int firstRefs;
    private Object[] links;
    private long[] words;
    int refs;
    /** Removed from the buffer: Flink's map lookup would no longer find it. */
    boolean freed;
    // the buffer's live nodes in creation order (what the binary form lists)
    Node previousLive;
    Node nextLive;

    Node(EventStore.Entry event, String pageName) {
      this.event = event;
      this.pageName = pageName;
    }

    EventId eventId() {
      return event.id;
    }

    int edgeCount() {
      return edgeCount;
    }

    Node edgeTarget(int i) {
      return i == 0 ? firstTarget : (Node) links[2 * i - 2];
    }

    DeweyNumber edgeVersion(int i) {
      return i == 0 ? firstVersion : (DeweyNumber) links[2 * i - 1];
    }

    int edgeRefs(int i) {
      return i == 0 ? firstRefs : (int) words[2 * i - 1];
    }

    private void setEdgeRefs(int i, int count) {
      if (i == 0) {
        firstRefs = count;
      } else {
        words[2 * i - 1] = count;
      }
    }

    void addEdge(Node target, DeweyNumber version, int lockCount) {
      if (edgeCount == 0) {
        firstTarget = target;
        firstVersion = version;
        firstHead = version.head();
        firstRefs = lockCount;
      } else {
        int slot = 2 * edgeCount - 2;
        if (links == null) {
          links = new Object[4];
          words = new long[4];
        } else if (slot == links.length) {
          links = Arrays.copyOf(links, slot * 2);
          words = Arrays.copyOf(words, slot * 2);
        }
        links[slot] = target;
        links[slot + 1] = version;
        words[slot] = version.head();
        words[slot + 1] = lockCount;
      }
      edgeCount++;
    }

    boolean compatible(DeweyNumber version, int i) {
      if (i == 0) {
        return version.mayBeCompatible(firstHead) && version.isCompatibleWith(firstVersion);
      }
      int slot = 2 * i - 2;
      return version.mayBeCompatible(words[slot])
          && version.isCompatibleWith((DeweyNumber) links[slot + 1]);
    }

    private void lockEdge(int i) {
      setEdgeRefs(i, edgeRefs(i) + 1);
    }

    /** Flink's Lockable.release on edge i: true when it is no longer locked. */
    private boolean releaseEdge(int i) {
      int count = edgeRefs(i);
      if (count <= 0) {
        return true;
      }
      setEdgeRefs(i, count - 1);
      return count == 1;
    }

    /** Removes edge i, keeping the others in order. */
    private void removeEdge(int i) {
      if (i == 0) {
        if (edgeCount > 1) {
          firstTarget = (Node) links[0];
          firstVersion = (DeweyNumber) links[1];
          firstHead = words[0];
          firstRefs = (int) words[1];
          removeLaterEdgeSlot(0);
        } else {
          firstTarget = null;
          firstVersion = null;
        }
      } else {
        removeLaterEdgeSlot(2 * i - 2);
      }
      edgeCount--;
    }

    private void removeLaterEdgeSlot(int slot) {
      int used = 2 * edgeCount - 2;
      System.arraycopy(links, slot + 2, links, slot, used - slot - 2);
      System.arraycopy(words, slot + 2, words, slot, used - slot - 2);
      links[used - 2] = null;
      links[used - 1] = null;
    }

    boolean release() {
      if (refs <= 0) {
        return true;
      }
      refs--;
      return refs == 0;
    }

    @Override
    public String toString() {
      return "Node[" + (event == null ? "-" : event.id) + ", " + pageName + "]";
    }
  }

  /** Stands for a reference to a node freed before the state was encoded. */
  static final Node FREED = freedNode();

  private static Node freedNode() {
    Node node = new Node(null, "(freed)");
    node.freed = true;
    return node;
  }

  final EventStore events;
  private Node firstLive;
  private Node lastLive;
  private int liveCount;

  RuleBuffer(EventStore events) {
    this.events = events;
  }

  boolean isEmpty() {
    return liveCount == 0;
  }

  /** The live nodes in creation order. */
  List<Node> liveNodes() {
    List<Node> nodes = new ArrayList<>(liveCount);
    for (Node node = firstLive; node != null; node = node.nextLive) {
      nodes.add(node);
    }
    return nodes;
  }

  /**
   * Flink's SharedBufferAccessor.put.
   *
   * @param eventNodes the nodes this buffer created for {@code event} so far: all puts of one
   *     event happen within one {@code NfaRun.process} call, which keeps this list
   */
  Node put(String pageName, EventStore.Entry event, Node previous, DeweyNumber version,
      List<Node> eventNodes) {
    if (previous != null) {
      lockNode(previous, version);
    }
    Node node = liveNodeOf(pageName, eventNodes);
    if (node == null) {
      events.lock(event);
      node = restoreNode(event, pageName);
      eventNodes.add(node);
    }
    node.addEdge(previous, version, 0);
    return node;
  }

  private static Node liveNodeOf(String pageName, List<Node> eventNodes) {
    for (int i = 0, n = eventNodes.size(); i < n; i++) {
      Node node = eventNodes.get(i);
      if (!node.freed && node.pageName.equals(pageName)) {
        return node;
      }
    }
    return null;
  }

  /**
   * Adds a node at the end of the live list without locking its event: put locks it first, and a
   * decoded event's stored count already includes its nodes.
   */
  Node restoreNode(EventStore.Entry event, String pageName) {
    Node node = new Node(event, pageName);
    node.previousLive = lastLive;
    if (lastLive == null) {
      firstLive = node;
    } else {
      lastLive.nextLive = node;
    }
    lastLive = node;
    liveCount++;
    return node;
  }

  private void free(Node node) {
    node.freed = true;
    if (node.previousLive == null) {
      firstLive = node.nextLive;
    } else {
      node.previousLive.nextLive = node.nextLive;
    }
    if (node.nextLive == null) {
      lastLive = node.previousLive;
    } else {
      node.nextLive.previousLive = node.previousLive;
    }
    node.previousLive = null;
    node.nextLive = null;
    liveCount--;
    events.release(node.event);
  }

  void lockNode(Node node, DeweyNumber version) {
    if (node != null && !node.freed) {
      node.refs++;
      for (int i = 0, n = node.edgeCount; i < n; i++) {
        if (node.compatible(version, i)) {
          node.lockEdge(i);
        }
      }
    }
  }

  void releaseNode(Node start, DeweyNumber startVersion) {
    // Flink's walk with an explicit stack; most walks follow one chain, so the stack is only
    // allocated when a node releases a second edge
    ArrayDeque<Node> nodeStack = null;
    ArrayDeque<DeweyNumber> versionStack = null;
    Node current = start;
    DeweyNumber version = startVersion;
    while (current != null && !current.freed) { // as Flink: an already freed node ends the walk
      Node nextNode = null;
      DeweyNumber nextVersion = null;
      boolean haveNext = false;
      for (int i = 0; i < current.edgeCount; i++) {
        if (current.compatible(version, i) && current.releaseEdge(i)) {
          Node target = current.edgeTarget(i);
          DeweyNumber edgeVersion = current.edgeVersion(i);
          current.removeEdge(i--);
          if (target != null) {
            if (haveNext) {
              // Flink pushes every released target; the stack pops the last pushed first
              if (nodeStack == null) {
                nodeStack = new ArrayDeque<>();
                versionStack = new ArrayDeque<>();
              }
              nodeStack.push(nextNode);
              versionStack.push(nextVersion);
            }
            nextNode = target;
            nextVersion = edgeVersion;
            haveNext = true;
          }
        }
      }
      if (current.release()) {
        free(current);
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

  /**
   * Flink's extractPatterns: every path compatible with {@code version}, in Flink's order; each
   * path is its nodes oldest first (Flink groups them by pattern name: {@link Match#ofPath}).
   */
  List<Node[]> extractPatterns(Node start, DeweyNumber startVersion) {
    if (start == null || start.freed) {
      return Collections.emptyList();
    }
    Node[] path = new Node[8];
    int depth = 0;
    Node node = start;
    DeweyNumber version = startVersion;
    // a single chain, the usual case, is walked without the general search's stack and copies
    while (true) {
      if (depth == path.length) {
        path = Arrays.copyOf(path, depth * 2);
      }
      path[depth++] = node;
      int only = onlyCompatibleEdge(node, version);
      if (only < 0) {
        return only == NONE ? Collections.emptyList() : searchAll(start, startVersion);
      }
      Node target = node.edgeTarget(only);
      if (target == null || target.freed) {
        return List.<Node[]>of(oldestFirst(path, depth));
      }
      version = node.edgeVersion(only);
      node = target;
    }
  }

  private static final int NONE = -1;
  private static final int SEVERAL = -2;

  /** The index of the one edge of {@code node} compatible with {@code version}, else NONE/SEVERAL. */
  private static int onlyCompatibleEdge(Node node, DeweyNumber version) {
    int only = NONE;
    for (int i = 0, n = node.edgeCount; i < n; i++) {
      if (node.compatible(version, i)) {
        if (only != NONE) {
          return SEVERAL;
        }
        only = i;
      }
    }
    return only;
  }

  /**
   * The events {@code pageName} took in the first path {@link #extractPatterns} would give, oldest
   * first: what an iterative condition asks for, without building the whole match.
   */
  List<Event> eventsOf(Node start, DeweyNumber startVersion, String pageName) {
    if (start == null || start.freed) {
      return Collections.emptyList();
    }
    // an iterative condition asks this per partial match and event, and its step mostly took one
    // event: a list is made only for a second
    Event single = null;
    List<Event> newestFirst = null;
    Node node = start;
    DeweyNumber version = startVersion;
    while (true) {
      if (node.pageName.equals(pageName)) {
        if (single == null && newestFirst == null) {
          single = node.event.event;
        } else {
          if (newestFirst == null) {
            newestFirst = new ArrayList<>(4);
            newestFirst.add(single);
            single = null;
          }
          newestFirst.add(node.event.event);
        }
      }
      int only = onlyCompatibleEdge(node, version);
      if (only == NONE) {
        return Collections.emptyList(); // no complete path
      }
      if (only == SEVERAL) {
        List<Node[]> paths = searchAll(start, startVersion);
        return paths.isEmpty() ? Collections.emptyList() : eventsNamed(paths.get(0), pageName);
      }
      Node target = node.edgeTarget(only);
      if (target == null || target.freed) {
        if (newestFirst == null) {
          return single == null ? Collections.emptyList() : Collections.singletonList(single);
        }
        Collections.reverse(newestFirst);
        return Collections.unmodifiableList(newestFirst);
      }
      version = node.edgeVersion(only);
      node = target;
    }
  }

  private static List<Event> eventsNamed(Node[] path, String pageName) {
    List<Event> events = new ArrayList<>(2);
    for (Node node : path) {
      if (node.pageName.equals(pageName)) {
        events.add(node.event.event);
      }
    }
    return Collections.unmodifiableList(events);
  }

  /** The general case: Flink's depth-first search with a stack of partial paths. */
  private List<Node[]> searchAll(Node start, DeweyNumber startVersion) {
    List<Node[]> result = new ArrayList<>(2);
    ArrayDeque<Extraction> stack = new ArrayDeque<>();
    stack.push(new Extraction(start, startVersion, new ArrayList<>()));
    while (!stack.isEmpty()) {
      Extraction state = stack.pop();
      List<Node> path = state.path;
      if (state.node == null) {
        result.add(oldestFirst(path.toArray(new Node[0]), path.size()));
      } else {
        path.add(state.node);
        boolean firstMatch = true;
        Node node = state.node;
        for (int i = 0; i < node.edgeCount; i++) {
          if (node.compatible(state.version, i)) {
            List<Node> newPath;
            if (firstMatch) {
              newPath = path;
              firstMatch = false;
            } else {
              newPath = new ArrayList<>(path);
            }
            Node target = node.edgeTarget(i);
            stack.push(new Extraction(target == null || target.freed ? null : target,
                node.edgeVersion(i), newPath));
          }
        }
      }
    }
    return result;
  }

  private record Extraction(Node node, DeweyNumber version, List<Node> path) {}

  /** The first {@code length} nodes of a path walked newest first, reversed into a new array. */
  private static Node[] oldestFirst(Node[] newestFirst, int length) {
    Node[] path = new Node[length];
    for (int i = 0; i < length; i++) {
      path[i] = newestFirst[length - 1 - i];
    }
    return path;
  }

  /** Frees every node of this rule (the rule left the matcher). */
  void dropAll() {
    for (Node node = firstLive; node != null; ) {
      Node next = node.nextLive;
      free(node);
      node = next;
    }
  }
}
