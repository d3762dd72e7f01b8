package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.EventCodec.readVarInt;
import static io.beamcep.patterns.engine.EventCodec.readVarLong;
import static io.beamcep.patterns.engine.EventCodec.unZigZag;

import io.beamcep.patterns.model.RuleKey;
import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads key state written in formats 1 to 3, when a partial match was a node of a Dewey-versioned
 * shared buffer ({@link LegacyBuffer}): the buffer is rebuilt, and each partial match gets the path
 * Flink's extraction gives it. State saved by an earlier build restores and goes on matching as it
 * would have; it is written back in the current format.
 *
 * <p>Formats: the shared events once (with lock counts, skipped), then per rule its deadline, its
 * buffer nodes with their edges, and its two queues of partial matches. Format 1 writes names and
 * times in full; format 2 stores each distinct name once ({@link StringTable}) and times as offsets
 * from the key's clock; both name a node by (event, pattern name). Format 3 names a node by its
 * rank among the rule's nodes.
 */
final class LegacyKeyStateFormats {
  static final int FORMAT_1 = 1;
  static final int FORMAT_2 = 2;
  static final int FORMAT_3 = 3;

  private LegacyKeyStateFormats() {}

  /** The rest of a state of {@code format} after its clock. */
  static KeyState read(DataInput in, int format, long clock) throws IOException {
    KeyStateCodec.Context context = new KeyStateCodec.Context(format, clock);
    KeyState state = KeyStateCodec.emptyAt(in, context, clock);
    int eventCount = readVarInt(in);
    for (int i = 0; i < eventCount; i++) {
      EventId id = context.readHeldEventId(in);
      context.listed(id);
      readVarInt(in); // the event's lock count: references are kept by the paths now
      context.held(id, EventCodec.read(in, context.names));
    }
    int ruleCount = readVarInt(in);
    for (int i = 0; i < ruleCount; i++) {
      RuleKey key = new RuleKey(context.names.read(in), (int) unZigZag(readVarLong(in)));
      state.addRule(key,
          format == FORMAT_3 ? readRule(in, context) : readRuleKeyedByNodeId(in, context));
    }
    return state;
  }

  private static LegacyBuffer.Node node(KeyStateCodec.Context context, EventId id, String name)
      throws IOException {
    return new LegacyBuffer.Node(id, context.event(id), name);
  }

  private static RuleState readRule(DataInput in, KeyStateCodec.Context context)
      throws IOException {
    RuleState rule = new RuleState();
    rule.deadline = unZigZag(readVarLong(in));
    int nodeCount = readVarInt(in);
    List<LegacyBuffer.Node> nodes = new ArrayList<>(nodeCount);
    for (int i = 0; i < nodeCount; i++) {
      nodes.add(node(context, context.readEventId(in), context.names.read(in)));
      readVarInt(in); // lock count
    }
    for (LegacyBuffer.Node node : nodes) {
      int edgeCount = readVarInt(in);
      for (int e = 0; e < edgeCount; e++) {
        LegacyBuffer.Node target = readNodeReference(in, nodes);
        DeweyNumber version = readDewey(in);
        readVarInt(in); // lock count
        node.addEdge(target, version);
      }
    }
    for (int queueIndex = 0; queueIndex < 2; queueIndex++) {
      int size = readVarInt(in);
      for (int i = 0; i < size; i++) {
        String name = context.names.read(in);
        LegacyBuffer.Node previous = readNodeReference(in, nodes);
        KeyStateCodec.queue(rule, queueIndex).add(readComputation(in, name, previous, context));
      }
    }
    return rule;
  }

  /** 0 for none, 1 for a freed node, else 2 + the node's rank. */
  private static LegacyBuffer.Node readNodeReference(DataInput in, List<LegacyBuffer.Node> nodes)
      throws IOException {
    int reference = readVarInt(in);
    if (reference > nodes.size() + 1) {
      throw new IOException("buffer node reference " + reference + " beyond the " + nodes.size());
    }
    return reference == 0 ? null : reference == 1 ? LegacyBuffer.FREED : nodes.get(reference - 2);
  }

  /** Formats 1 and 2: nodes, edges and partial matches name a node by (event, pattern name). */
  private static RuleState readRuleKeyedByNodeId(DataInput in, KeyStateCodec.Context context)
      throws IOException {
    record NodeId(EventId eventId, String pageName) {}
    record PendingEdge(LegacyBuffer.Node from, NodeId target, DeweyNumber version) {}
    RuleState rule = new RuleState();
    rule.deadline = unZigZag(readVarLong(in));
    Map<NodeId, LegacyBuffer.Node> byId = new HashMap<>();
    List<PendingEdge> edges = new ArrayList<>();
    int nodeCount = readVarInt(in);
    for (int i = 0; i < nodeCount; i++) {
      NodeId id = new NodeId(context.readEventId(in), context.names.read(in));
      LegacyBuffer.Node node = node(context, id.eventId(), id.pageName());
      readVarInt(in); // lock count
      byId.put(id, node);
      int edgeCount = readVarInt(in);
      for (int e = 0; e < edgeCount; e++) {
        NodeId target =
            in.readBoolean() ? new NodeId(context.readEventId(in), context.names.read(in)) : null;
        DeweyNumber version = readDewey(in);
        readVarInt(in); // lock count
        edges.add(new PendingEdge(node, target, version));
      }
    }
    for (PendingEdge edge : edges) {
      edge.from().addEdge(nodeNamed(byId, edge.target()), edge.version());
    }
    for (int queueIndex = 0; queueIndex < 2; queueIndex++) {
      int size = readVarInt(in);
      for (int i = 0; i < size; i++) {
        String name = context.names.read(in);
        LegacyBuffer.Node previous = in.readBoolean()
            ? nodeNamed(byId, new NodeId(context.readEventId(in), context.names.read(in)))
            : null;
        KeyStateCodec.queue(rule, queueIndex).add(readComputation(in, name, previous, context));
      }
    }
    return rule;
  }

  /** The node of that id; an id not in the buffer was freed, and still ends a walk. */
  private static <K> LegacyBuffer.Node nodeNamed(Map<K, LegacyBuffer.Node> byId, K id) {
    if (id == null) {
      return null;
    }
    LegacyBuffer.Node node = byId.get(id);
    return node == null ? LegacyBuffer.FREED : node;
  }

  /** The rest of a partial match after its state name and last node; its state resolves later. */
  private static ComputationState readComputation(
      DataInput in, String name, LegacyBuffer.Node previous, KeyStateCodec.Context context)
      throws IOException {
    DeweyNumber version = readDewey(in);
    long start = context.readTime(in);
    context.readTime(in); // the last take's time: its path's newest event's
    EventId startId = in.readBoolean() ? context.readEventId(in) : null;
    return KeyStateCodec.partialMatch(context,
        name, LegacyBuffer.pathOf(previous, version), start, startId);
  }

  private static DeweyNumber readDewey(DataInput in) throws IOException {
    int length = readVarInt(in);
    int[] digits = new int[length];
    for (int i = 0; i < length; i++) {
      digits[i] = readVarInt(in);
    }
    return DeweyNumber.of(digits);
  }
}
