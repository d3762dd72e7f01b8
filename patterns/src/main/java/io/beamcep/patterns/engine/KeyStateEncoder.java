package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.EventCodec.zigZag;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.RuleKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link KeyState} in format 4 ({@link KeyStateCodec} describes the layout and reads it).
 *
 * <p>A state backend that keeps keys as bytes (RocksDB) encodes a key after each of its events, so
 * this runs once per event there. It finds a rule's held nodes in one open-addressed identity
 * table and an event's rank by binary search over the held events in id order: the sets, maps
 * and tree it used before were most of an encode's time and garbage (BENCHMARKS.md, session 32).
 */
final class KeyStateEncoder {
  private static final Comparator<PathNode> BY_EVENT_ID = (a, b) -> a.id.compareTo(b.id);

  private final ByteSink out = ByteSink.forThisThread();
  private final StringTable names = StringTable.fresh();
  private final NodeRanks ranks = new NodeRanks();
  private final long base;
  /** The held events in id order: an event is referred to by its index here. */
  private EventId[] eventIds;
  private int eventCount;

  private KeyStateEncoder(long base) {
    this.base = base;
  }

  static byte[] encode(KeyState state) {
    try {
      return new KeyStateEncoder(state.clock).write(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteSink throws none; an event value may be refused
    }
  }

  /**
   * How many distinct events the partial matches of {@code rules} hold: the events an encode of
   * them lists (for metrics and tests).
   */
  static int heldEventCount(List<RuleState> rules) {
    Set<EventId> held = new HashSet<>();
    for (RuleState rule : rules) {
      for (ComputationState computation : computationsOf(rule)) {
        EventId start = computation.startEventId;
        for (PathNode node = computation.path; node != null; node = node.before(start)) {
          held.add(node.id);
        }
      }
    }
    return held.size();
  }

  private byte[] write(KeyState state) throws IOException {
    out.writeByte(KeyStateCodec.FORMAT);
    out.writeVarLong(zigZag(state.clock));
    writeTime(state.lastEventTimestamp);
    out.writeVarLong(state.nextEventRank & 0xFFFFFFFFL);
    List<RuleState> rules = state.ruleStatesWithEntries();
    int[] written = new int[rules.size()];
    ComputationState[][] computations = new ComputationState[rules.size()][];
    // per written rule, where its held nodes end in heldNodes (each rule's walked once)
    int[] heldEnds = new int[rules.size()];
    PathNode[] heldNodes = new PathNode[16];
    int heldCount = 0;
    int writtenCount = 0;
    for (int i = 0; i < rules.size(); i++) {
      RuleState rule = rules.get(i);
      if (KeyStateCodec.holdsOnlyAFreshStart(rule)) {
        continue;
      }
      ComputationState[] partialMatches = computationsOf(rule);
      ranks.clear();
      for (ComputationState computation : partialMatches) {
        EventId start = computation.startEventId;
        for (PathNode node = computation.path; node != null; node = node.before(start)) {
          if (ranks.addUnranked(node)) {
            if (heldCount == heldNodes.length) {
              heldNodes = Arrays.copyOf(heldNodes, heldCount * 2);
            }
            heldNodes[heldCount++] = node;
          }
        }
      }
      computations[writtenCount] = partialMatches;
      heldEnds[writtenCount] = heldCount;
      written[writtenCount++] = i;
    }
    writeHeldEvents(heldNodes, heldCount);
    out.writeVarLong(writtenCount);
    for (int w = 0; w < writtenCount; w++) {
      RuleKey key = state.ruleKeys[state.ruleOfEntry(written[w])];
      names.write(out, key.id());
      out.writeVarLong(zigZag(key.version()));
      ranks.clear();
      for (int n = w == 0 ? 0 : heldEnds[w - 1]; n < heldEnds[w]; n++) {
        ranks.addUnranked(heldNodes[n]);
      }
      writeRule(rules.get(written[w]), computations[w]);
    }
    return out.toByteArray();
  }

  /** Every event the held nodes took, once each, in id order, each in full. */
  private void writeHeldEvents(PathNode[] heldNodes, int heldCount) throws IOException {
    PathNode[] byId = Arrays.copyOf(heldNodes, heldCount);
    Arrays.sort(byId, BY_EVENT_ID);
    eventIds = new EventId[heldCount];
    Event[] events = new Event[heldCount];
    for (PathNode node : byId) {
      if (eventCount > 0 && eventIds[eventCount - 1].equals(node.id)) {
        events[eventCount - 1] = node.event;
      } else {
        eventIds[eventCount] = node.id;
        events[eventCount++] = node.event;
      }
    }
    out.writeVarLong(eventCount);
    for (int i = 0; i < eventCount; i++) {
      out.writeVarLong(0); // in full: not listed yet
      writeIdInFull(eventIds[i]);
      EventCodec.write(out, events[i], names);
    }
  }

  /** A rule's nodes, each after the one it links to, then its two queues. */
  private void writeRule(RuleState rule, ComputationState[] partialMatches) throws IOException {
    out.writeVarLong(zigZag(rule.deadline));
    PathNode[] nodes = new PathNode[ranks.size()];
    int nodeCount = 0;
    for (ComputationState computation : partialMatches) {
      int unseenFrom = nodeCount;
      for (PathNode node = computation.path; node != null && ranks.rank(node) == NodeRanks.UNRANKED;
          node = node.previous) {
        nodes[nodeCount++] = node;
      }
      reverse(nodes, unseenFrom, nodeCount);
      for (int n = unseenFrom; n < nodeCount; n++) {
        ranks.setRank(nodes[n], n);
      }
    }
    out.writeVarLong(nodeCount);
    for (int n = 0; n < nodeCount; n++) {
      PathNode node = nodes[n];
      writeEventId(node.id);
      names.write(out, node.pageName);
      int previous = node.previous == null ? -1 : ranks.rank(node.previous);
      out.writeVarLong(previous < 0 ? 0 : previous + 1);
    }
    int heldBack = partialMatches.length - rule.partialMatches().size();
    writeQueue(partialMatches, 0, partialMatches.length - heldBack);
    writeQueue(partialMatches, partialMatches.length - heldBack, partialMatches.length);
  }

  private void writeQueue(ComputationState[] partialMatches, int from, int to)
      throws IOException {
    out.writeVarLong(to - from);
    for (int i = from; i < to; i++) {
      ComputationState state = partialMatches[i];
      names.write(out, state.stateName());
      out.writeVarLong(state.path == null ? 0 : ranks.rank(state.path) + 1);
      writeTime(state.startTimestamp);
      writeTime(state.previousTimestamp());
      out.writeBoolean(state.startEventId != null);
      if (state.startEventId != null) {
        writeEventId(state.startEventId);
      }
    }
  }

  /** Every partial match of {@code rule}, queue order, held-back ones last. */
  private static ComputationState[] computationsOf(RuleState rule) {
    PartialMatchQueue started = rule.partialMatches();
    PartialMatchQueue heldBack = rule.hasCompletedMatches() ? rule.completedMatches() : null;
    int size = started.size();
    ComputationState[] all = new ComputationState[size + (heldBack == null ? 0 : heldBack.size())];
    for (int i = 0; i < size; i++) {
      all[i] = started.get(i);
    }
    for (int i = size; i < all.length; i++) {
      all[i] = heldBack.get(i - size);
    }
    return all;
  }

  /** A held event by its rank (1 + its index in id order), another in full after a 0. */
  private void writeEventId(EventId id) {
    int rank = Arrays.binarySearch(eventIds, 0, eventCount, id);
    if (rank >= 0) {
      out.writeVarLong(rank + 1);
      return;
    }
    out.writeVarLong(0); // not held (e.g. the start event of a match that dropped it)
    writeIdInFull(id);
  }

  private void writeIdInFull(EventId id) {
    writeTime(id.timestamp());
    out.writeVarLong(id.id() & 0xFFFFFFFFL);
  }

  private void writeTime(long time) {
    out.writeVarLong(zigZag(time - base)); // wraps symmetrically, so any long round-trips
  }

  private static void reverse(PathNode[] nodes, int from, int to) {
    for (int i = from, j = to - 1; i < j; i++, j--) {
      PathNode swap = nodes[i];
      nodes[i] = nodes[j];
      nodes[j] = swap;
    }
  }

  /**
   * Path nodes by identity, each with an int: open addressing over identity hash codes, so no
   * entry object per node. A node is in it once held; its rank is set when it is listed.
   */
  private static final class NodeRanks {
    static final int ABSENT = -3;
    static final int UNRANKED = -1;

    private PathNode[] keys = new PathNode[32];
    private int[] values = new int[32];
    private int size;

    int size() {
      return size;
    }

    void clear() {
      if (size > 0) {
        Arrays.fill(keys, null);
        size = 0;
      }
    }

    /** Adds {@code node} as held, unranked; false when it was in already. */
    boolean addUnranked(PathNode node) {
      int slot = slotOf(node);
      if (keys[slot] == node) {
        return false;
      }
      keys[slot] = node;
      values[slot] = UNRANKED;
      if (++size * 2 > keys.length) {
        grow();
      }
      return true;
    }

    /** The node's rank, {@link #UNRANKED}, or {@link #ABSENT} when not held. */
    int rank(PathNode node) {
      int slot = slotOf(node);
      return keys[slot] == node ? values[slot] : ABSENT;
    }

    void setRank(PathNode node, int rank) {
      values[slotOf(node)] = rank;
    }

    /** The node's slot, or the free slot it would take. */
    private int slotOf(PathNode node) {
      int mask = keys.length - 1;
      int slot = mix(System.identityHashCode(node)) & mask;
      for (PathNode key = keys[slot]; key != null && key != node; key = keys[slot]) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    private static int mix(int hash) {
      return hash ^ (hash >>> 16);
    }

    private void grow() {
      PathNode[] oldKeys = keys;
      int[] oldValues = values;
      keys = new PathNode[oldKeys.length * 2];
      values = new int[keys.length];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != null) {
          int slot = slotOf(oldKeys[i]);
          keys[slot] = oldKeys[i];
          values[slot] = oldValues[i];
        }
      }
    }
  }
}
