package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.EventCodec.readString;
import static io.beamcep.patterns.engine.EventCodec.readVarInt;
import static io.beamcep.patterns.engine.EventCodec.readVarLong;
import static io.beamcep.patterns.engine.EventCodec.unZigZag;
import static io.beamcep.patterns.engine.EventCodec.writeString;
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
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The binary form of a {@link KeyState}: varints, the shared events once, then per rule its buffer
 * nodes and partial matches. Partial matches are written in queue order and re-added in that order,
 * which rebuilds the identical heap, so a restored state emits exactly what the original would.
 */
final class KeyStateCodec {
  private static final int FORMAT = 1;

  private KeyStateCodec() {}

  static byte[] encode(KeyState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      out.writeByte(FORMAT);
      writeVarLong(out, zigZag(state.clock));
      EventStore events = state.events;
      writeVarLong(out, zigZag(events.lastTimestamp));
      writeVarInt(out, events.nextId);
      writeVarInt(out, events.events.size());
      for (Map.Entry<EventId, EventStore.Entry> entry : events.events.entrySet()) {
        writeEventId(out, entry.getKey());
        writeVarInt(out, entry.getValue().refs);
        EventCodec.write(out, entry.getValue().event);
      }
      writeVarInt(out, state.rules.size());
      for (Map.Entry<RuleKey, RuleState> entry : state.rules.entrySet()) {
        writeString(out, entry.getKey().id());
        writeVarLong(out, zigZag(entry.getKey().version()));
        writeRule(out, entry.getValue());
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
      if (format != FORMAT) {
        throw new IOException("unknown key state format " + format);
      }
      long clock = unZigZag(readVarLong(in));
      EventStore events = new EventStore();
      events.lastTimestamp = unZigZag(readVarLong(in));
      events.nextId = readVarInt(in);
      int eventCount = readVarInt(in);
      for (int i = 0; i < eventCount; i++) {
        EventId id = readEventId(in);
        int refs = readVarInt(in);
        events.events.put(id, new EventStore.Entry(EventCodec.read(in), refs));
      }
      TreeMap<RuleKey, RuleState> rules = new TreeMap<>();
      int ruleCount = readVarInt(in);
      for (int i = 0; i < ruleCount; i++) {
        RuleKey key = new RuleKey(readString(in), (int) unZigZag(readVarLong(in)));
        rules.put(key, readRule(in, events));
      }
      KeyState state = new KeyState(events, rules);
      state.clock = clock;
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt key state bytes", e);
    }
  }

  private static void writeRule(DataOutput out, RuleState rule) throws IOException {
    writeVarLong(out, zigZag(rule.deadline));
    writeVarInt(out, rule.buffer.nodes.size());
    for (Map.Entry<NodeId, RuleBuffer.BufferNode> entry : rule.buffer.nodes.entrySet()) {
      writeNodeId(out, entry.getKey());
      RuleBuffer.BufferNode node = entry.getValue();
      writeVarInt(out, node.refs);
      writeVarInt(out, node.edges.size());
      for (RuleBuffer.Edge edge : node.edges) {
        out.writeBoolean(edge.target != null);
        if (edge.target != null) {
          writeNodeId(out, edge.target);
        }
        writeDewey(out, edge.version);
        writeVarInt(out, edge.refs);
      }
    }
    writeQueue(out, rule.partialMatches);
    writeQueue(out, rule.completedMatches);
  }

  private static RuleState readRule(DataInput in, EventStore events) throws IOException {
    RuleState rule = new RuleState(events);
    rule.deadline = unZigZag(readVarLong(in));
    int nodeCount = readVarInt(in);
    for (int i = 0; i < nodeCount; i++) {
      NodeId id = readNodeId(in);
      RuleBuffer.BufferNode node = new RuleBuffer.BufferNode();
      node.refs = readVarInt(in);
      int edgeCount = readVarInt(in);
      for (int e = 0; e < edgeCount; e++) {
        NodeId target = in.readBoolean() ? readNodeId(in) : null;
        DeweyNumber version = readDewey(in);
        node.edges.add(new RuleBuffer.Edge(target, version, readVarInt(in)));
      }
      rule.buffer.nodes.put(id, node);
    }
    readQueue(in, rule.partialMatches);
    readQueue(in, rule.completedMatches);
    return rule;
  }

  private static void writeQueue(DataOutput out, PriorityQueue<ComputationState> queue)
      throws IOException {
    writeVarInt(out, queue.size());
    for (ComputationState state : queue) {
      writeString(out, state.stateName);
      out.writeBoolean(state.previousEntry != null);
      if (state.previousEntry != null) {
        writeNodeId(out, state.previousEntry);
      }
      writeDewey(out, state.version);
      writeVarLong(out, zigZag(state.startTimestamp));
      writeVarLong(out, zigZag(state.previousTimestamp));
      out.writeBoolean(state.startEventId != null);
      if (state.startEventId != null) {
        writeEventId(out, state.startEventId);
      }
    }
  }

  private static void readQueue(DataInput in, PriorityQueue<ComputationState> queue)
      throws IOException {
    int size = readVarInt(in);
    for (int i = 0; i < size; i++) {
      String name = readString(in);
      NodeId previous = in.readBoolean() ? readNodeId(in) : null;
      DeweyNumber version = readDewey(in);
      long start = unZigZag(readVarLong(in));
      long last = unZigZag(readVarLong(in));
      EventId startId = in.readBoolean() ? readEventId(in) : null;
      queue.add(new ComputationState(name, previous, version, start, last, startId));
    }
  }

  private static void writeEventId(DataOutput out, EventId id) throws IOException {
    writeVarLong(out, zigZag(id.timestamp()));
    writeVarInt(out, id.id());
  }

  private static EventId readEventId(DataInput in) throws IOException {
    return new EventId(unZigZag(readVarLong(in)), readVarInt(in));
  }

  private static void writeNodeId(DataOutput out, NodeId id) throws IOException {
    writeEventId(out, id.eventId());
    writeString(out, id.pageName());
  }

  private static NodeId readNodeId(DataInput in) throws IOException {
    EventId eventId = readEventId(in);
    return new NodeId(eventId, readString(in));
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
