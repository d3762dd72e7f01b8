package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.EventCodec.readVarInt;
import static io.beamcep.patterns.engine.EventCodec.readVarLong;
import static io.beamcep.patterns.engine.EventCodec.unZigZag;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.RuleKey;
import io.beamcep.patterns.nfa.State;
import java.io.DataInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a {@link KeyState} (format 4): varints; each event held by a partial match
 * once, in id order; then per rule that holds more than a fresh start (a matcher starts a rule
 * left out afresh) its path nodes, parents first, and its partial matches in queue order, which
 * re-added in that order rebuild the identical heap, so a restored state emits exactly what the
 * original would. Each distinct name is stored once ({@link StringTable}), an event is referred
 * to by its rank, times are offsets from the key's clock.
 *
 * <p>{@link KeyStateEncoder} writes it; this class reads it. KeyStateFormatTest holds the bytes
 * of 48 states as written before the encoder was rewritten for speed.
 *
 * <p>Formats 1 to 3 (a Dewey-versioned shared buffer per rule) are still read, by {@link
 * LegacyKeyStateFormats}, so state saved by an earlier build restores.
 */
final class KeyStateCodec {
  static final int FORMAT = 4;

  private KeyStateCodec() {}

  /** What one decode call shares across the state: names, held events, time base. */
  static final class Context {
    final boolean compact;
    final StringTable names;
    final long base;
    /** The listed events' ids by rank, for the references of the compact formats. */
    private EventId[] byRank = new EventId[16];
    private int listedCount;
    /** The held events read so far, and their ids, in the order read. */
    private EventId[] heldIds = new EventId[16];
    private Event[] heldEvents = new Event[16];
    private int heldCount;
    /**
     * Whether {@link #heldIds} rise strictly, as format 4 writes them: an id is then found by
     * binary search, where a map per decode was a tenth of it.
     */
    private boolean heldInOrder = true;
    /** The held events' indexes by id, made only for ids not in order (older formats). */
    private Map<EventId, Integer> heldIndexes;
    /** Ids read in full that are not held, so that an event's references share one object. */
    private Map<EventId, EventId> canonical;
    /** One stand-in per state name, until the matcher resolves the names. */
    private final Map<String, State> unresolved = new HashMap<>();

    Context(int format, long base) {
      this.compact = format >= LegacyKeyStateFormats.FORMAT_2;
      this.names = compact ? StringTable.fresh() : StringTable.PLAIN;
      this.base = compact ? base : 0L;
    }

    long readTime(DataInput in) throws IOException {
      return unZigZag(readVarLong(in)) + base;
    }

    EventId readEventId(DataInput in) throws IOException {
      return readEventId(in, false);
    }

    /**
     * The id of the next event of the held list, which {@link #held} takes next: later references
     * find it among the held, so it is not kept apart as well.
     */
    EventId readHeldEventId(DataInput in) throws IOException {
      return readEventId(in, true);
    }

    private EventId readEventId(DataInput in, boolean heldNext) throws IOException {
      if (compact) {
        int rank = readVarInt(in);
        if (rank < 0 || rank > listedCount) {
          throw new IOException("event reference " + Integer.toUnsignedString(rank)
              + " beyond the " + listedCount + " read");
        }
        if (rank > 0) {
          return byRank[rank - 1];
        }
      }
      // one object per event, as the engine makes them, since a path is walked to its start by
      // identity (PathNode.before). The legacy formats write an event's id in full at every
      // reference; their paths are rebuilt ending at their start, so they would stop there
      // anyway, but no decoded state should hold two objects for one event.
      EventId id = new EventId(readTime(in), readVarInt(in));
      int held = heldIndex(id);
      if (held >= 0) {
        return heldIds[held];
      }
      if (heldNext) {
        return id;
      }
      if (canonical == null) {
        canonical = new HashMap<>();
      }
      EventId known = canonical.putIfAbsent(id, id);
      return known != null ? known : id;
    }

    /** A newly listed held event: later references use its rank. */
    void listed(EventId id) {
      if (compact) {
        if (listedCount == byRank.length) {
          byRank = Arrays.copyOf(byRank, listedCount * 2);
        }
        byRank[listedCount++] = id;
      }
    }

    void held(EventId id, Event event) {
      if (heldCount == heldIds.length) {
        heldIds = Arrays.copyOf(heldIds, heldCount * 2);
        heldEvents = Arrays.copyOf(heldEvents, heldCount * 2);
      }
      if (heldCount > 0 && heldIds[heldCount - 1].compareTo(id) >= 0) {
        heldInOrder = false;
      }
      if (heldIndexes != null) {
        heldIndexes.put(id, heldCount);
      }
      heldIds[heldCount] = id;
      heldEvents[heldCount++] = event;
    }

    Event event(EventId id) throws IOException {
      int held = heldIndex(id);
      if (held < 0) {
        throw new IOException("a partial match refers to event " + id + ", which is not held");
      }
      return heldEvents[held];
    }

    /** Where the held event {@code id} is in {@link #heldIds}, or a negative number. */
    private int heldIndex(EventId id) {
      if (heldInOrder) {
        return Arrays.binarySearch(heldIds, 0, heldCount, id);
      }
      if (heldIndexes == null) {
        heldIndexes = new HashMap<>();
        for (int i = 0; i < heldCount; i++) {
          heldIndexes.put(heldIds[i], i); // a repeated id: the last one read, as before
        }
      }
      Integer index = heldIndexes.get(id);
      return index == null ? -1 : index;
    }
  }

  static byte[] encode(KeyState state) {
    return KeyStateEncoder.encode(state);
  }

  /**
   * True for a rule that holds nothing but a fresh start, which is not written: a matcher starts a
   * rule the key does not hold with exactly that, so leaving it out changes nothing, and a large
   * rule table's rules are mostly idle for any one key (each was its id, version and start, per
   * rule and key, in every write of the state).
   */
  static boolean holdsOnlyAFreshStart(RuleState rule) {
    return rule.size() == 1 && rule.get(0).isFreshStart() && !rule.hasCompletedMatches();
  }

  static KeyState decode(byte[] bytes) {
    try {
      DataInput in = new ByteSource(bytes);
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
        EventId id = context.readHeldEventId(in);
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

  /** Queue 0 is the partial matches, 1 the held-back matches (made only when one is read). */
  static PartialMatchQueue queue(RuleState rule, int queueIndex) {
    return queueIndex == 0 ? rule.partialMatches() : rule.completedMatches();
  }
}
