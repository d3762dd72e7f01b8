package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.EventCodec.readVarInt;
import static io.beamcep.patterns.engine.EventCodec.readVarLong;
import static io.beamcep.patterns.engine.EventCodec.unZigZag;
import static io.beamcep.patterns.engine.EventCodec.writeVarInt;
import static io.beamcep.patterns.engine.EventCodec.writeVarLong;
import static io.beamcep.patterns.engine.EventCodec.zigZag;

import io.beamcep.patterns.model.RuleKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The binary form of a {@link KeyState}: varints, the shared events once, then per rule its buffer
 * nodes and partial matches. Partial matches are written in queue order and re-added in that order,
 * which rebuilds the identical heap, so a restored state emits exactly what the original would.
 *
 * <p>Format 2 stores each distinct name once ({@link StringTable}), refers to a buffered event by
 * its rank in the event list instead of repeating its id, and writes times as offsets from the
 * key's clock (small numbers instead of 6-byte epoch millis). Format 3 (written now) also refers to
 * a buffer node by its rank among the rule's nodes instead of by (event, pattern name). Formats 1
 * and 2 are still read, so state saved by an earlier build restores.
 */
final class KeyStateCodec {
  private static final int FORMAT_1 = 1;
  private static final int FORMAT_2 = 2;
  private static final int FORMAT = 3;

  private KeyStateCodec() {}

  /** What one encode or decode call shares across the state: names, event ranks, time base. */
  private static final class Context {
    final boolean compact;
    final StringTable names;
    final long base;
    final Map<EventId, Integer> ranks = new HashMap<>();
    final List<EventId> byRank = new ArrayList<>();
    /** Decoding: the buffered events read so far. */
    final Map<EventId, EventStore.Entry> decoded = new HashMap<>();

    EventStore.Entry entry(EventId id) throws IOException {
      EventStore.Entry entry = decoded.get(id);
      if (entry == null) {
        throw new IOException("buffer node refers to event " + id + ", which is not buffered");
      }
      return entry;
    }

    final int format;

    Context(int format, long base) {
      this.format = format;
      boolean compact = format >= FORMAT_2;
      this.compact = compact;
      this.names = compact ? StringTable.fresh() : StringTable.PLAIN;
      this.base = compact ? base : 0L;
    }

    void writeTime(DataOutput out, long time) throws IOException {
      writeVarLong(out, zigZag(time - base)); // wraps symmetrically, so any long round-trips
    }

    long readTime(DataInput in) throws IOException {
      return unZigZag(readVarLong(in)) + base;
    }

    void writeEventId(DataOutput out, EventId id) throws IOException {
      if (compact) {
        Integer rank = ranks.get(id);
        if (rank != null) {
          writeVarInt(out, rank + 1);
          return;
        }
        writeVarInt(out, 0); // not buffered (e.g. a released start event): written in full
      }
      writeTime(out, id.timestamp());
      writeVarInt(out, id.id());
    }

    EventId readEventId(DataInput in) throws IOException {
      if (compact) {
        int rank = readVarInt(in);
        if (rank > byRank.size()) {
          throw new IOException("event reference " + rank + " beyond the " + byRank.size() + " read");
        }
        if (rank > 0) {
          return byRank.get(rank - 1);
        }
      }
      return new EventId(readTime(in), readVarInt(in));
    }

    /** A newly listed buffered event: later references use its rank. */
    void listed(EventId id) {
      if (compact) {
        ranks.put(id, byRank.size());
        byRank.add(id);
      }
    }
  }

  static byte[] encode(KeyState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      out.writeByte(FORMAT);
      writeVarLong(out, zigZag(state.clock));
      Context context = new Context(FORMAT, state.clock);
      EventStore events = state.events;
      context.writeTime(out, events.lastTimestamp);
      writeVarInt(out, events.nextId);
      writeVarInt(out, events.size());
      for (EventStore.Entry entry : events.entries()) {
        context.writeEventId(out, entry.id); // in full: not listed yet
        context.listed(entry.id);
        writeVarInt(out, entry.refs);
        EventCodec.write(out, entry.event, context.names);
      }
      writeVarInt(out, state.rules.size());
      for (Map.Entry<RuleKey, RuleState> entry : state.rules.entrySet()) {
        context.names.write(out, entry.getKey().id());
        writeVarLong(out, zigZag(entry.getKey().version()));
        writeRule(out, entry.getValue(), context);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static KeyState decode(byte[] bytes) {
    try {
      DataInput in = new DataInputStream(new ByteArrayInputStream(bytes));
      int format = in.readUnsignedByte();
      if (format < FORMAT_1 || format > FORMAT) {
        throw new IOException("unknown key state format " + format);
      }
      long clock = unZigZag(readVarLong(in));
      Context context = new Context(format, clock);
      EventStore events = new EventStore();
      events.lastTimestamp = context.readTime(in);
      events.nextId = readVarInt(in);
      int eventCount = readVarInt(in);
      for (int i = 0; i < eventCount; i++) {
        EventId id = context.readEventId(in);
        context.listed(id);
        int refs = readVarInt(in);
        EventStore.Entry entry = new EventStore.Entry(id, EventCodec.read(in, context.names), refs);
        events.restore(entry);
        context.decoded.put(id, entry);
      }
      TreeMap<RuleKey, RuleState> rules = new TreeMap<>();
      int ruleCount = readVarInt(in);
      for (int i = 0; i < ruleCount; i++) {
        RuleKey key = new RuleKey(context.names.read(in), (int) unZigZag(readVarLong(in)));
        rules.put(key, readRule(in, events, context));
      }
      KeyState state = new KeyState(events, rules);
      state.clock = clock;
      return state;
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException("corrupt key state bytes",
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static void writeRule(DataOutput out, RuleState rule, Context context)
      throws IOException {
    writeVarLong(out, zigZag(rule.deadline));
    List<RuleBuffer.Node> nodes = rule.buffer.liveNodes();
    Map<RuleBuffer.Node, Integer> ranks = new IdentityHashMap<>();
    writeVarInt(out, nodes.size());
    for (RuleBuffer.Node node : nodes) {
      ranks.put(node, ranks.size());
      context.writeEventId(out, node.eventId());
      context.names.write(out, node.pageName);
      writeVarInt(out, node.refs);
    }
    for (RuleBuffer.Node node : nodes) {
      writeVarInt(out, node.edgeCount());
      for (int e = 0; e < node.edgeCount(); e++) {
        writeNode(out, node.edgeTarget(e), ranks);
        writeDewey(out, node.edgeVersion(e));
        writeVarInt(out, node.edgeRefs(e));
      }
    }
    writeQueue(out, rule.partialMatches, context, ranks);
    writeQueue(out, rule.hasCompletedMatches() ? rule.completedMatches() : List.of(), context,
        ranks);
  }

  /**
   * 0 for none, 1 for a freed node (a stale reference, which still ends a buffer walk as Flink's
   * failed lookup does), else 2 + the node's rank.
   */
  private static void writeNode(
      DataOutput out, RuleBuffer.Node node, Map<RuleBuffer.Node, Integer> ranks)
      throws IOException {
    if (node == null) {
      writeVarInt(out, 0);
    } else if (node.freed) {
      writeVarInt(out, 1);
    } else {
      writeVarInt(out, ranks.get(node) + 2);
    }
  }

  private static RuleBuffer.Node readNode(DataInput in, List<RuleBuffer.Node> nodes)
      throws IOException {
    int reference = readVarInt(in);
    if (reference > nodes.size() + 1) {
      throw new IOException("buffer node reference " + reference + " beyond the " + nodes.size());
    }
    return reference == 0 ? null : reference == 1 ? RuleBuffer.FREED : nodes.get(reference - 2);
  }

  private static RuleState readRule(DataInput in, EventStore events, Context context)
      throws IOException {
    RuleState rule = new RuleState(events);
    rule.deadline = unZigZag(readVarLong(in));
    if (context.format < FORMAT) {
      return readRuleKeyedByNodeId(in, rule, context);
    }
    int nodeCount = readVarInt(in);
    List<RuleBuffer.Node> nodes = new ArrayList<>(nodeCount);
    for (int i = 0; i < nodeCount; i++) {
      RuleBuffer.Node node = rule.buffer.restoreNode(context.entry(context.readEventId(in)),
          context.names.read(in));
      node.refs = readVarInt(in);
      nodes.add(node);
    }
    for (RuleBuffer.Node node : nodes) {
      int edgeCount = readVarInt(in);
      for (int e = 0; e < edgeCount; e++) {
        RuleBuffer.Node target = readNode(in, nodes);
        DeweyNumber version = readDewey(in);
        node.addEdge(target, version, readVarInt(in));
      }
    }
    for (int queueIndex = 0; queueIndex < 2; queueIndex++) {
      int size = readVarInt(in);
      for (int i = 0; i < size; i++) {
        String name = context.names.read(in);
        RuleBuffer.Node previous = readNode(in, nodes);
        decodedQueue(rule, queueIndex).add(readComputation(in, name, previous, context));
      }
    }
    return rule;
  }

  /** Queue 0 is the partial matches, 1 the held-back matches (made only when one is read). */
  private static PriorityQueue<ComputationState> decodedQueue(RuleState rule, int queueIndex) {
    return queueIndex == 0 ? rule.partialMatches : rule.completedMatches();
  }

  /** Formats 1 and 2: nodes, edges and partial matches name a node by (event, pattern name). */
  private static RuleState readRuleKeyedByNodeId(DataInput in, RuleState rule, Context context)
      throws IOException {
    record NodeId(EventId eventId, String pageName) {}
    record PendingEdge(RuleBuffer.Node from, NodeId target, DeweyNumber version, int refs) {}
    Map<NodeId, RuleBuffer.Node> byId = new HashMap<>();
    List<PendingEdge> edges = new ArrayList<>();
    int nodeCount = readVarInt(in);
    for (int i = 0; i < nodeCount; i++) {
      NodeId id = new NodeId(context.readEventId(in), context.names.read(in));
      RuleBuffer.Node node = rule.buffer.restoreNode(context.entry(id.eventId()),
          id.pageName());
      node.refs = readVarInt(in);
      byId.put(id, node);
      int edgeCount = readVarInt(in);
      for (int e = 0; e < edgeCount; e++) {
        NodeId target =
            in.readBoolean() ? new NodeId(context.readEventId(in), context.names.read(in)) : null;
        DeweyNumber version = readDewey(in);
        edges.add(new PendingEdge(node, target, version, readVarInt(in)));
      }
    }
    for (PendingEdge edge : edges) {
      edge.from().addEdge(node(byId, edge.target()), edge.version(), edge.refs());
    }
    for (int queueIndex = 0; queueIndex < 2; queueIndex++) {
      int size = readVarInt(in);
      for (int i = 0; i < size; i++) {
        String name = context.names.read(in);
        RuleBuffer.Node previous = in.readBoolean()
            ? node(byId, new NodeId(context.readEventId(in), context.names.read(in)))
            : null;
        decodedQueue(rule, queueIndex).add(readComputation(in, name, previous, context));
      }
    }
    return rule;
  }

  /** The node of that id; an id not in the buffer was freed, and still ends a walk. */
  private static <K> RuleBuffer.Node node(Map<K, RuleBuffer.Node> byId, K id) {
    if (id == null) {
      return null;
    }
    RuleBuffer.Node node = byId.get(id);
    return node == null ? RuleBuffer.FREED : node;
  }

  private static void writeQueue(
      DataOutput out,
      Collection<ComputationState> queue,
      Context context,
      Map<RuleBuffer.Node, Integer> ranks)
      throws IOException {
    writeVarInt(out, queue.size());
    for (ComputationState state : queue) {
      context.names.write(out, state.stateName);
      writeNode(out, state.previousEntry, ranks);
      writeDewey(out, state.version);
      context.writeTime(out, state.startTimestamp);
      context.writeTime(out, state.previousTimestamp);
      out.writeBoolean(state.startEventId != null);
      if (state.startEventId != null) {
        context.writeEventId(out, state.startEventId);
      }
    }
  }

  /** The rest of a partial match after its state name and last node; its state is resolved later. */
  private static ComputationState readComputation(
      DataInput in, String name, RuleBuffer.Node previous, Context context) throws IOException {
    DeweyNumber version = readDewey(in);
    long start = context.readTime(in);
    long last = context.readTime(in);
    EventId startId = in.readBoolean() ? context.readEventId(in) : null;
    return new ComputationState(null, name, previous, version, start, last, startId);
  }

  private static void writeDewey(DataOutput out, DeweyNumber dewey) throws IOException {
    writeVarInt(out, dewey.length);
    for (int i = 0; i < dewey.length; i++) {
      writeVarInt(out, dewey.digit(i));
    }
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
