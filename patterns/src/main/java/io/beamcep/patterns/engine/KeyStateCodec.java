package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.EventCodec.readVarInt;
import static io.beamcep.patterns.engine.EventCodec.readVarLong;
import static io.beamcep.patterns.engine.EventCodec.unZigZag;
import static io.beamcep.patterns.engine.EventCodec.writeVarInt;
import static io.beamcep.patterns.engine.EventCodec.writeVarLong;
import static io.beamcep.patterns.engine.EventCodec.zigZag;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.RuleKey;
import io.beamcep.patterns.nfa.State;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The binary form of a {@link KeyState} (format 4): varints; each event held by a partial match
 * once, in id order; then per rule that holds more than a fresh start (a matcher starts a rule
 * left out afresh) its path nodes, parents first, and its partial matches in queue order, which
 * re-added in that order rebuild the identical heap, so a restored state emits exactly what the
 * original would. Each distinct name is stored once ({@link StringTable}), an event is referred
 * to by its rank, times are offsets from the key's clock.
 *
 * <p>Formats 1 to 3 (a Dewey-versioned shared buffer per rule) are still read, by {@link
 * LegacyKeyStateFormats}, so state saved by an earlier build restores.
 */
final class KeyStateCodec {
  static final int FORMAT = 4;

  private KeyStateCodec() {}

  /** What one encode or decode call shares across the state: names, event ranks, time base. */
  static final class Context {
    final boolean compact;
    final StringTable names;
    final long base;
    private final Map<EventId, Integer> ranks = new HashMap<>();
    private final List<EventId> byRank = new ArrayList<>();
    /** Decoding: the held events read so far. */
    private final Map<EventId, Event> held = new HashMap<>();
    /** Decoding: every id read in full so far, so an event's references share one object. */
    private final Map<EventId, EventId> canonical = new HashMap<>();
    /** Decoding: one stand-in per state name, until the matcher resolves the names. */
    private final Map<String, State> unresolved = new HashMap<>();

    Context(int format, long base) {
      this.compact = format >= LegacyKeyStateFormats.FORMAT_2;
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
        writeVarInt(out, 0); // not held (e.g. the start event of a match that dropped it): in full
      }
      writeTime(out, id.timestamp());
      writeVarInt(out, id.id());
    }

    EventId readEventId(DataInput in) throws IOException {
      if (compact) {
        int rank = readVarInt(in);
        if (rank > byRank.size()) {
          throw new IOException(
              "event reference " + rank + " beyond the " + byRank.size() + " read");
        }
        if (rank > 0) {
          return byRank.get(rank - 1);
        }
      }
      // one object per event, as the engine makes them, since a path is walked to its start by
      // identity (PathNode.before). The legacy formats write an event's id in full at every
      // reference; their paths are rebuilt ending at their start, so they would stop there
      // anyway, but no decoded state should hold two objects for one event.
      EventId id = new EventId(readTime(in), readVarInt(in));
      EventId known = canonical.putIfAbsent(id, id);
      return known != null ? known : id;
    }

    /** A newly listed held event: later references use its rank. */
    void listed(EventId id) {
      if (compact) {
        ranks.put(id, byRank.size());
        byRank.add(id);
      }
    }

    void held(EventId id, Event event) {
      held.put(id, event);
    }

    Event event(EventId id) throws IOException {
      Event event = held.get(id);
      if (event == null) {
        throw new IOException("a partial match refers to event " + id + ", which is not held");
      }
      return event;
    }
  }

  static byte[] encode(KeyState state) {
    ByteSink bytes = ByteSink.forThisThread();
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      out.writeByte(FORMAT);
      writeVarLong(out, zigZag(state.clock));
      Context context = new Context(FORMAT, state.clock);
      context.writeTime(out, state.lastEventTimestamp);
      writeVarInt(out, state.nextEventRank);
      List<RuleState> rules = state.ruleStatesWithEntries();
      List<Integer> written = new ArrayList<>();
      List<Set<PathNode>> heldByRule = new ArrayList<>();
      TreeMap<EventId, Event> events = new TreeMap<>();
      for (int i = 0; i < rules.size(); i++) {
        if (!holdsOnlyAFreshStart(rules.get(i))) {
          written.add(i);
          // walked once per rule, for the events and for the rule's own nodes
          Set<PathNode> held = heldNodes(rules.get(i));
          heldByRule.add(held);
          for (PathNode node : held) {
            events.put(node.id, node.event);
          }
        }
      }
      writeVarInt(out, events.size());
      for (Map.Entry<EventId, Event> event : events.entrySet()) {
        context.writeEventId(out, event.getKey()); // in full: not listed yet
        context.listed(event.getKey());
        EventCodec.write(out, event.getValue(), context.names);
      }
      writeVarInt(out, written.size());
      for (int w = 0; w < written.size(); w++) {
        int i = written.get(w);
        RuleKey key = state.ruleKeys[state.ruleOfEntry(i)];
        context.names.write(out, key.id());
        writeVarLong(out, zigZag(key.version()));
        writeRule(out, rules.get(i), heldByRule.get(w), context);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * True for a rule that holds nothing but a fresh start, which is not written: a matcher starts a
   * rule the key does not hold with exactly that, so leaving it out changes nothing, and a large
   * rule table's rules are mostly idle for any one key (each was its id, version and start, per
   * rule and key, in every write of the state).
   */
  private static boolean holdsOnlyAFreshStart(RuleState rule) {
    return rule.size() == 1 && rule.get(0).isFreshStart() && !rule.hasCompletedMatches();
  }

  static KeyState decode(byte[] bytes) {
    try {
      DataInput in = new DataInputStream(new ByteSource(bytes));
      int format = in.readUnsignedByte();
      if (format < LegacyKeyStateFormats.FORMAT_1 || format > FORMAT) {
        throw new IOException("unknown key state format " + format);
      }
      long clock = unZigZag(readVarLong(in));
      if (format < FORMAT) {
        return LegacyKeyStateFormats.read(in, format, clock);
      }
      Context context = new Context(format, clock);
      KeyState state = emptyAt(in, context, clock);
      int eventCount = readVarInt(in);
      for (int i = 0; i < eventCount; i++) {
        EventId id = context.readEventId(in);
        context.listed(id);
        context.held(id, EventCodec.read(in, context.names));
      }
      int ruleCount = readVarInt(in);
      for (int i = 0; i < ruleCount; i++) {
        RuleKey key = new RuleKey(context.names.read(in), (int) unZigZag(readVarLong(in)));
        state.addRule(key, readRule(in, context));
      }
      return state;
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException("corrupt key state bytes",
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** A state with no rule yet, at the clock and event-id counters every format writes first. */
  static KeyState emptyAt(DataInput in, Context context, long clock) throws IOException {
    KeyState state = KeyState.empty();
    state.clock = clock;
    state.lastEventTimestamp = context.readTime(in);
    state.nextEventRank = readVarInt(in);
    return state;
  }

  /** Every event a partial match of these rules holds, by id. */
  static TreeMap<EventId, Event> heldEvents(Collection<RuleState> rules) {
    TreeMap<EventId, Event> events = new TreeMap<>();
    for (RuleState rule : rules) {
      for (PathNode node : heldNodes(rule)) {
        events.put(node.id, node.event);
      }
    }
    return events;
  }

  /** Every partial match of {@code rule}, queue order, held-back ones last. */
  private static List<ComputationState> computationsOf(RuleState rule) {
    List<ComputationState> computations = new ArrayList<>();
    for (int queueIndex = 0; queueIndex < 2; queueIndex++) {
      computations.addAll(queueOf(rule, queueIndex));
    }
    return computations;
  }

  /**
   * The nodes the partial matches of {@code rule} hold, each chain walked down to its own start: a
   * link past a start into nodes no partial match holds is not part of the state.
   */
  private static Set<PathNode> heldNodes(RuleState rule) {
    // sized for the few nodes most rules hold: the default was most of an encode's garbage
    Set<PathNode> held = Collections.newSetFromMap(new IdentityHashMap<>(8));
    for (ComputationState computation : computationsOf(rule)) {
      EventId start = computation.startEventId;
      for (PathNode node = computation.path; node != null; node = node.before(start)) {
        held.add(node);
      }
    }
    return held;
  }

  /** Writes {@code rule}, whose partial matches hold the nodes {@code held} (heldNodes). */
  private static void writeRule(DataOutput out, RuleState rule, Set<PathNode> held,
      Context context) throws IOException {
    writeVarLong(out, zigZag(rule.deadline));
    // the nodes, each after the one it links to, so a reader can link as it goes
    IdentityHashMap<PathNode, Integer> ranks = new IdentityHashMap<>(held.size());
    List<PathNode> nodes = new ArrayList<>();
    List<PathNode> unseen = new ArrayList<>();
    for (ComputationState computation : computationsOf(rule)) {
      unseen.clear();
      for (PathNode node = computation.path; node != null && held.contains(node)
          && !ranks.containsKey(node); node = node.previous) {
        unseen.add(node);
      }
      for (int i = unseen.size() - 1; i >= 0; i--) {
        ranks.put(unseen.get(i), nodes.size());
        nodes.add(unseen.get(i));
      }
    }
    writeVarInt(out, nodes.size());
    for (PathNode node : nodes) {
      context.writeEventId(out, node.id);
      context.names.write(out, node.pageName);
      Integer previous = node.previous == null ? null : ranks.get(node.previous);
      writeVarInt(out, previous == null ? 0 : previous + 1);
    }
    for (int queueIndex = 0; queueIndex < 2; queueIndex++) {
      Collection<ComputationState> queue = queueOf(rule, queueIndex);
      writeVarInt(out, queue.size());
      for (ComputationState state : queue) {
        context.names.write(out, state.stateName());
        writeVarInt(out, state.path == null ? 0 : ranks.get(state.path) + 1);
        context.writeTime(out, state.startTimestamp);
        context.writeTime(out, state.previousTimestamp());
        out.writeBoolean(state.startEventId != null);
        if (state.startEventId != null) {
          context.writeEventId(out, state.startEventId);
        }
      }
    }
  }

  /**
   * A decoded partial match, known by its state's name. Its start time must be its start event's:
   * the queue orders partial matches by that time and reads the event's rank only on a tie. The
   * time of its last take, which the binary forms carry too, is its path's newest event's, so the
   * stored one is not used (it was always that time).
   */
  static ComputationState partialMatch(Context context, String stateName, PathNode path,
      long startTimestamp, EventId startId) throws IOException {
    if (startId != null && startId.timestamp() != startTimestamp) {
      throw new IOException("partial match in state " + stateName + " starts at "
          + startTimestamp + " but its start event " + startId + " is at "
          + startId.timestamp());
    }
    State unresolved =
        context.unresolved.computeIfAbsent(stateName, ComputationState::unresolved);
    return new ComputationState(unresolved, path, startTimestamp, startId);
  }

  private static RuleState readRule(DataInput in, Context context) throws IOException {
    RuleState rule = new RuleState();
    rule.markSharedStarts(); // a start may link to an older one's nodes: checked at the next end
    rule.deadline = unZigZag(readVarLong(in));
    int nodeCount = readVarInt(in);
    List<PathNode> nodes = new ArrayList<>(Math.min(nodeCount, 1 << 12));
    for (int i = 0; i < nodeCount; i++) {
      EventId id = context.readEventId(in);
      String name = context.names.read(in);
      PathNode previous = node(readVarInt(in), nodes);
      nodes.add(new PathNode(id, context.event(id), name, previous));
    }
    for (int queueIndex = 0; queueIndex < 2; queueIndex++) {
      int size = readVarInt(in);
      for (int i = 0; i < size; i++) {
        String name = context.names.read(in);
        PathNode path = node(readVarInt(in), nodes);
        long start = context.readTime(in);
        context.readTime(in); // the last take's time: see partialMatch
        EventId startId = in.readBoolean() ? context.readEventId(in) : null;
        queue(rule, queueIndex).add(partialMatch(context, name, path, start, startId));
      }
    }
    return rule;
  }

  /** 0 for none, else 1 + the rank of a node read before. */
  private static PathNode node(int reference, List<PathNode> nodes) throws IOException {
    if (reference > nodes.size()) {
      throw new IOException("path node reference " + reference + " beyond the " + nodes.size()
          + " read before it");
    }
    return reference == 0 ? null : nodes.get(reference - 1);
  }

  private static Collection<ComputationState> queueOf(RuleState rule, int queueIndex) {
    return queueIndex == 0
        ? rule.partialMatches()
        : rule.hasCompletedMatches() ? rule.completedMatches() : List.of();
  }

  /** Queue 0 is the partial matches, 1 the held-back matches (made only when one is read). */
  static PartialMatchQueue queue(RuleState rule, int queueIndex) {
    return queueIndex == 0 ? rule.partialMatches() : rule.completedMatches();
  }
}
