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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The binary form of a {@link KeyState}: varints, the shared events once, then per rule its buffer
 * nodes and partial matches. Partial matches are written in queue order and re-added in that order,
 * which rebuilds the identical heap, so a restored state emits exactly what the original would.
 *
 * <p>Format 2 (written now) stores each distinct name once ({@link StringTable}), refers to a
 * buffered event by its rank in the event list instead of repeating its id, and writes times as
 * offsets from the key's clock (small numbers instead of 6-byte epoch millis). Format 1 is still
 * read, so state saved by an earlier build restores.
 */
final class KeyStateCodec {
  private static final int FORMAT_1 = 1;
  private static final int FORMAT = 2;

  private KeyStateCodec() {}

  /** What one encode or decode call shares across the state: names, event ranks, time base. */
  private static final class Context {
    final boolean compact;
    final StringTable names;
    final long base;
    final Map<EventId, Integer> ranks = new HashMap<>();
    final List<EventId> byRank = new ArrayList<>();

    Context(boolean compact, long base) {
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
      Context context = new Context(true, state.clock);
      EventStore events = state.events;
      context.writeTime(out, events.lastTimestamp);
      writeVarInt(out, events.nextId);
      writeVarInt(out, events.events.size());
      for (Map.Entry<EventId, EventStore.Entry> entry : events.events.entrySet()) {
        context.writeEventId(out, entry.getKey()); // in full: not listed yet
        context.listed(entry.getKey());
        writeVarInt(out, entry.getValue().refs);
        EventCodec.write(out, entry.getValue().event, context.names);
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
      if (format != FORMAT && format != FORMAT_1) {
        throw new IOException("unknown key state format " + format);
      }
      long clock = unZigZag(readVarLong(in));
      Context context = new Context(format == FORMAT, clock);
      EventStore events = new EventStore();
      events.lastTimestamp = context.readTime(in);
      events.nextId = readVarInt(in);
      int eventCount = readVarInt(in);
      for (int i = 0; i < eventCount; i++) {
        EventId id = context.readEventId(in);
        context.listed(id);
        int refs = readVarInt(in);
        events.events.put(id, new EventStore.Entry(EventCodec.read(in, context.names), refs));
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
    writeVarInt(out, rule.buffer.nodes.size());
    for (Map.Entry<NodeId, RuleBuffer.BufferNode> entry : rule.buffer.nodes.entrySet()) {
      writeNodeId(out, entry.getKey(), context);
      RuleBuffer.BufferNode node = entry.getValue();
      writeVarInt(out, node.refs);
      writeVarInt(out, node.edges.size());
      for (RuleBuffer.Edge edge : node.edges) {
        out.writeBoolean(edge.target != null);
        if (edge.target != null) {
          writeNodeId(out, edge.target, context);
        }
        writeDewey(out, edge.version);
        writeVarInt(out, edge.refs);
      }
    }
    writeQueue(out, rule.partialMatches, context);
    writeQueue(out, rule.completedMatches, context);
  }

  private static RuleState readRule(DataInput in, EventStore events, Context context)
      throws IOException {
    RuleState rule = new RuleState(events);
    rule.deadline = unZigZag(readVarLong(in));
    int nodeCount = readVarInt(in);
    for (int i = 0; i < nodeCount; i++) {
      NodeId id = readNodeId(in, context);
      RuleBuffer.BufferNode node = new RuleBuffer.BufferNode();
      node.refs = readVarInt(in);
      int edgeCount = readVarInt(in);
      for (int e = 0; e < edgeCount; e++) {
        NodeId target = in.readBoolean() ? readNodeId(in, context) : null;
        DeweyNumber version = readDewey(in);
        node.edges.add(new RuleBuffer.Edge(target, version, readVarInt(in)));
      }
      rule.buffer.nodes.put(id, node);
    }
    readQueue(in, rule.partialMatches, context);
    readQueue(in, rule.completedMatches, context);
    return rule;
  }

  private static void writeQueue(
      DataOutput out, PriorityQueue<ComputationState> queue, Context context) throws IOException {
    writeVarInt(out, queue.size());
    for (ComputationState state : queue) {
      context.names.write(out, state.stateName);
      out.writeBoolean(state.previousEntry != null);
      if (state.previousEntry != null) {
        writeNodeId(out, state.previousEntry, context);
      }
      writeDewey(out, state.version);
      context.writeTime(out, state.startTimestamp);
      context.writeTime(out, state.previousTimestamp);
      out.writeBoolean(state.startEventId != null);
      if (state.startEventId != null) {
        context.writeEventId(out, state.startEventId);
      }
    }
  }

  private static void readQueue(
      DataInput in, PriorityQueue<ComputationState> queue, Context context) throws IOException {
    int size = readVarInt(in);
    for (int i = 0; i < size; i++) {
      String name = context.names.read(in);
      NodeId previous = in.readBoolean() ? readNodeId(in, context) : null;
      DeweyNumber version = readDewey(in);
      long start = context.readTime(in);
      long last = context.readTime(in);
      EventId startId = in.readBoolean() ? context.readEventId(in) : null;
      queue.add(new ComputationState(name, previous, version, start, last, startId));
    }
  }

  private static void writeNodeId(DataOutput out, NodeId id, Context context) throws IOException {
    context.writeEventId(out, id.eventId());
    context.names.write(out, id.pageName());
  }

  private static NodeId readNodeId(DataInput in, Context context) throws IOException {
    EventId eventId = context.readEventId(in);
    return new NodeId(eventId, context.names.read(in));
  }

  private static void writeDewey(DataOutput out, DeweyNumber dewey) throws IOException {
    writeVarInt(out, dewey.digits.length);
    for (int digit : dewey.digits) {
      writeVarInt(out, digit);
    }
  }

  private static DeweyNumber readDewey(DataInput in) throws IOException {
    int length = readVarInt(in);
    int[] digits = new int[length];
    for (int i = 0; i < length; i++) {
      digits[i] = readVarInt(in);
    }
    return new DeweyNumber(digits);
  }
}
