package io.beamcep.patterns.engine;

import io.beamcep.patterns.condition.MatchContext;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.RuleKey;
import io.beamcep.patterns.nfa.Action;
import io.beamcep.patterns.nfa.Guard;
import io.beamcep.patterns.nfa.Nfa;
import io.beamcep.patterns.nfa.State;
import io.beamcep.patterns.nfa.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Flink CEP 1.19's NFA algorithm (NFA.process / advanceTime / computeNextStates) over one rule's
 * state. Stateless; every call works on the {@link RuleState} given.
 */
final class NfaRun {
  private NfaRun() {}

  static void initialize(Nfa nfa, RuleState state) {
    state.partialMatches.add(ComputationState.start(nfa.startState(), new DeweyNumber(1)));
  }

  /**
   * Lists and memo reused by every {@link #process} call of a thread: per partial match the
   * algorithm needs a few short-lived lists, and allocating them dominated its garbage. A call
   * never re-enters (conditions cannot reach the matcher), so one set per thread suffices.
   */
  static final class Scratch {
    final ArrayList<ComputationState> newPartials = new ArrayList<>();
    final ArrayList<ComputationState> potentials = new ArrayList<>();
    final ArrayList<ComputationState> next = new ArrayList<>();
    final ArrayList<Transition> edges = new ArrayList<>();
    /** The buffer nodes made for the event of the current call (Flink finds them by NodeId). */
    final ArrayList<RuleBuffer.Node> eventNodes = new ArrayList<>();
    final ArrayDeque<State> stack = new ArrayDeque<>();
    final ArrayDeque<State> proceedStack = new ArrayDeque<>();
    final Context context = new Context();
    byte[] memo = new byte[8];

    /** A cleared memo of at least {@code slots} entries. */
    byte[] memo(int slots) {
      if (memo.length < slots) {
        memo = new byte[Math.max(slots, memo.length * 2)];
      } else {
        Arrays.fill(memo, 0, slots, UNKNOWN);
      }
      return memo;
    }

    void clear() {
      newPartials.clear();
      potentials.clear();
      next.clear();
      edges.clear();
      eventNodes.clear();
      context.reset(null, null, 0L, null);
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** This thread's scratch set: fetched once per event and handed to every rule's process. */
  static Scratch scratch() {
    return SCRATCH.get();
  }

  /**
   * Flink's NFA.process for one event. Returns false when the rule's state is unchanged (every
   * partial match stays as it was, nothing completed), so the caller can skip recomputing the
   * deadline; in that case the partial-match queue is kept as is, which is what rebuilding it
   * would produce: re-inserting a heap's elements in its array order reproduces the same heap.
   */
  static boolean process(Nfa nfa, RuleKey key, RuleState state, EventStore.Entry event,
      List<Match> out, Scratch scratch) {
    try {
      return run(nfa, key, state, event, out, scratch);
    } finally {
      scratch.clear(); // drop references to this key's objects
    }
  }

  private static boolean run(Nfa nfa, RuleKey key, RuleState state, EventStore.Entry event,
      List<Match> out, Scratch scratch) {
    RuleBuffer buffer = state.buffer;
    boolean unchanged = !state.hasCompletedMatches();
    // in Flink's insertion order, so the queues built from them are laid out as Flink's
    List<ComputationState> newPartials = scratch.newPartials;
    List<ComputationState> potentials = scratch.potentials;
    // results of the event-only guards for this event, shared by all partial matches
    byte[] memo = nfa.memoSlots() == 0 ? null : scratch.memo(nfa.memoSlots());
    Context context = scratch.context;
    List<ComputationState> next = scratch.next;
    for (ComputationState computation : state.partialMatches) {
      next.clear();
      context.reset(buffer, computation, event.id.timestamp(), memo);
      computeNextStates(buffer, computation, event, context, scratch, next);
      if (unchanged && next.size() == 1 && sameAs(next.get(0), computation)) {
        newPartials.add(computation);
        continue;
      }
      unchanged = false;
      int retained = newPartials.size();
      boolean discard = false;
      for (int i = 0, n = next.size(); i < n; i++) {
        ComputationState candidate = next.get(i);
        State target = candidate.state;
        if (target.isFinal()) {
          potentials.add(candidate);
        } else if (target.isStop()) {
          discard = true;
          buffer.releaseNode(candidate.previousEntry, candidate.version);
        } else {
          newPartials.add(candidate); // kept unless a sibling reached a stop state
        }
      }
      if (discard) {
        for (int i = retained; i < newPartials.size(); i++) {
          ComputationState dropped = newPartials.get(i);
          buffer.releaseNode(dropped.previousEntry, dropped.version);
        }
        newPartials.subList(retained, newPartials.size()).clear();
      }
    }
    if (unchanged) {
      return false;
    }
    // the old queue has been read: refill it, which lays it out as a new queue filled alike
    PriorityQueue<ComputationState> newPartialMatches = state.partialMatches;
    newPartialMatches.clear();
    for (int i = 0, n = newPartials.size(); i < n; i++) {
      newPartialMatches.add(newPartials.get(i));
    }
    PriorityQueue<ComputationState> potentialMatches = null;
    if (!potentials.isEmpty()) {
      potentialMatches = new PriorityQueue<>(potentials.size(), ComputationState.ORDER);
      for (int i = 0, n = potentials.size(); i < n; i++) {
        potentialMatches.add(potentials.get(i));
      }
    }
    emitAccordingToSkipStrategy(key, buffer, state, nfa.afterMatch(), potentialMatches,
        newPartialMatches, event.id.timestamp(), out);
    return true;
  }

  /** Same automaton state, buffer entry, branch version and window bookkeeping. */
  private static boolean sameAs(ComputationState a, ComputationState b) {
    return a.state == b.state
        && a.previousEntry == b.previousEntry
        && a.version.equals(b.version)
        && a.startTimestamp == b.startTimestamp
        && a.previousTimestamp == b.previousTimestamp
        && java.util.Objects.equals(a.startEventId, b.startEventId);
  }

  static void advanceTime(Nfa nfa, RuleKey key, RuleState state, long timestamp, List<Match> out) {
    List<Match> timeouts = null;
    // kept in queue order, then refilled into the same queue (laid out as a new one filled alike)
    List<ComputationState> kept = new ArrayList<>(state.partialMatches.size());
    PriorityQueue<ComputationState> potentialMatches = null;
    RuleBuffer buffer = state.buffer;
    long windowTime = nfa.windowTime();
    boolean changed = false;
    for (ComputationState computation : state.partialMatches) {
      State current = computation.state;
      boolean start = current == null || current.isStart();
      long gap = current == null ? 0L : current.previousWindow();
      boolean previousTimedOut = timedOut(start, timestamp, computation.previousTimestamp, gap);
      boolean firstTimedOut = timedOut(start, timestamp, computation.startTimestamp, windowTime);
      if (previousTimedOut || firstTimedOut) {
        changed = true;
        if (current.isPending()) {
          if (potentialMatches == null) {
            potentialMatches = new PriorityQueue<>(ComputationState.ORDER);
          }
          potentialMatches.add(computation);
          continue;
        }
        if (timeouts == null) {
          timeouts = new ArrayList<>();
        }
        timeouts.add(Match.ofPath(key, Match.Kind.TIMEOUT, currentMatch(buffer, computation),
            timestamp));
        buffer.releaseNode(computation.previousEntry, computation.version);
      } else {
        kept.add(computation);
      }
    }
    if (!changed && !state.hasCompletedMatches()) {
      return; // nothing moved: keep the queue (and its order) untouched
    }
    PriorityQueue<ComputationState> newPartialMatches = state.partialMatches;
    newPartialMatches.clear();
    for (int i = 0, n = kept.size(); i < n; i++) {
      newPartialMatches.add(kept.get(i));
    }
    emitAccordingToSkipStrategy(
        key, buffer, state, nfa.afterMatch(), potentialMatches, newPartialMatches, timestamp, out);
    if (timeouts != null) {
      out.addAll(timeouts);
    }
  }

  private static boolean timedOut(boolean start, long now, long since, long window) {
    return !start && window > 0L && now - since >= window;
  }

  /** The earliest deadline of this rule's partial matches, Long.MAX_VALUE when none. */
  static long deadline(Nfa nfa, RuleState state) {
    long deadline = Long.MAX_VALUE;
    long windowTime = nfa.windowTime();
    for (ComputationState computation : state.partialMatches) {
      if (computation.startEventId == null) {
        continue;
      }
      if (windowTime > 0) {
        deadline = Math.min(deadline, computation.startTimestamp + windowTime);
      }
      long gap = computation.state == null ? 0L : computation.state.previousWindow();
      if (gap > 0) {
        deadline = Math.min(deadline, computation.previousTimestamp + gap);
      }
    }
    return deadline;
  }

  private static void emitAccordingToSkipStrategy(
      RuleKey key,
      RuleBuffer buffer,
      RuleState state,
      AfterMatch skip,
      PriorityQueue<ComputationState> potentialMatches,
      PriorityQueue<ComputationState> partialMatches,
      long detectedAt,
      List<Match> out) {
    if (potentialMatches != null && !potentialMatches.isEmpty()) {
      state.completedMatches().addAll(potentialMatches);
    } else if (!state.hasCompletedMatches()) {
      return;
    }
    PriorityQueue<ComputationState> completed = state.completedMatches();
    ComputationState earliest = completed.peek();
    boolean skipping = skip.type() != AfterMatchType.NO_SKIP;
    while (earliest != null) {
      if (skipping) {
        // a match may only be emitted once no earlier partial match could still prune it
        ComputationState earliestPartial = partialMatches.peek();
        if (earliestPartial != null
            && ComputationState.ORDER.compare(earliest, earliestPartial) > 0) {
          break;
        }
      }
      completed.poll();
      List<RuleBuffer.Node[]> result =
          buffer.extractPatterns(earliest.previousEntry, earliest.version);
      EventId pruningId = pruningId(skip, result);
      prune(skip, pruningId, partialMatches, buffer);
      prune(skip, pruningId, completed, buffer);
      out.add(Match.ofPath(key, Match.Kind.MATCH, result.get(0), detectedAt));
      buffer.releaseNode(earliest.previousEntry, earliest.version);
      earliest = completed.peek();
    }
    state.dropCompletedIfEmpty();
  }

  private static void prune(
      AfterMatch skip, EventId pruningId, Collection<ComputationState> toPrune, RuleBuffer buffer) {
    if (pruningId == null) {
      return;
    }
    boolean inclusive = skip.type() == AfterMatchType.SKIP_TO_NEXT
        || skip.type() == AfterMatchType.SKIP_PAST_LAST_EVENT;
    List<ComputationState> discard = null;
    for (ComputationState computation : toPrune) {
      EventId startId = computation.startEventId;
      if (startId != null) {
        int cmp = startId.compareTo(pruningId);
        if (inclusive ? cmp <= 0 : cmp < 0) {
          buffer.releaseNode(computation.previousEntry, computation.version);
          if (discard == null) {
            discard = new ArrayList<>();
          }
          discard.add(computation);
        }
      }
    }
    if (discard != null) {
      // Collection.removeAll on a PriorityQueue removes by equals(): identity here, as in Flink
      // where distinct computation states never compare equal in practice
      toPrune.removeAll(discard);
    }
  }

  /**
   * Flink's pruning id over every path of the match. A path's nodes are in event order, so the
   * first event of each pattern name's list is the earliest of its path and the last the latest.
   */
  private static EventId pruningId(AfterMatch skip, List<RuleBuffer.Node[]> match) {
    EventId pruningId = null;
    switch (skip.type()) {
      case SKIP_TO_NEXT:
        for (RuleBuffer.Node[] path : match) {
          if (path.length > 0) {
            pruningId = min(pruningId, path[0].eventId());
          }
        }
        return pruningId;
      case SKIP_PAST_LAST_EVENT:
        for (RuleBuffer.Node[] path : match) {
          if (path.length > 0) {
            pruningId = max(pruningId, path[path.length - 1].eventId());
          }
        }
        return pruningId;
      case SKIP_TO_FIRST:
      case SKIP_TO_LAST:
        String name = skip.patternName().orElseThrow();
        boolean first = skip.type() == AfterMatchType.SKIP_TO_FIRST;
        for (RuleBuffer.Node[] path : match) {
          EventId candidate = null;
          for (RuleBuffer.Node node : path) {
            if (node.pageName.equals(name)) {
              candidate = node.eventId();
              if (first) {
                break;
              }
            }
          }
          if (candidate != null) {
            pruningId = max(pruningId, candidate);
          }
        }
        return pruningId;
      default:
        return null;
    }
  }

  private static EventId min(EventId a, EventId b) {
    return a == null || b.compareTo(a) < 0 ? b : a;
  }

  private static EventId max(EventId a, EventId b) {
    return a == null || b.compareTo(a) > 0 ? b : a;
  }

  private static final RuleBuffer.Node[] NO_NODES = new RuleBuffer.Node[0];

  private static RuleBuffer.Node[] currentMatch(RuleBuffer buffer, ComputationState computation) {
    if (computation.previousEntry == null) {
      return NO_NODES;
    }
    List<RuleBuffer.Node[]> paths =
        buffer.extractPatterns(computation.previousEntry, computation.version);
    return paths.isEmpty() ? NO_NODES : paths.get(0);
  }

  /**
   * Flink's ConditionContext: the partial match's events, extracted only when asked for. One per
   * thread, re-pointed at each partial match; conditions must not keep it (see MatchContext).
   */
  private static final class Context implements MatchContext {
    private RuleBuffer buffer;
    private ComputationState computation;
    private long timestamp;
    private byte[] memo;
    private String askedFor; // the last pattern name asked for and its events
    private List<Event> events;

    void reset(RuleBuffer buffer, ComputationState computation, long timestamp, byte[] memo) {
      this.buffer = buffer;
      this.computation = computation;
      this.timestamp = timestamp;
      this.memo = memo;
      this.askedFor = null;
      this.events = null;
    }

    @Override
    public List<Event> eventsForPattern(String patternName) {
      if (patternName == null) {
        return Collections.emptyList();
      }
      if (!patternName.equals(askedFor)) {
        events = buffer.eventsOf(computation.previousEntry, computation.version, patternName);
        askedFor = patternName;
      }
      return events;
    }

    @Override
    public long timestamp() {
      return timestamp;
    }
  }

  private static final byte UNKNOWN = 0;
  private static final byte FALSE = 1;
  private static final byte TRUE = 2;

  private static boolean check(Guard guard, Event event, Context context) {
    if (guard == null) {
      return true;
    }
    int slot = guard.memoSlot();
    if (slot < 0 || context.memo == null) {
      return guard.test(event, context);
    }
    byte known = context.memo[slot];
    if (known != UNKNOWN) {
      return known == TRUE;
    }
    boolean result = guard.test(event, context);
    context.memo[slot] = result ? TRUE : FALSE;
    return result;
  }

  /** Flink's computeNextStates: appends to {@code result} what {@code computation} becomes. */
  private static void computeNextStates(
      RuleBuffer buffer,
      ComputationState computation,
      EventStore.Entry entry,
      Context context,
      Scratch scratch,
      List<ComputationState> result) {
    Event event = entry.event;
    EventId eventId = entry.id;
    State state = computation.state;
    // the decision graph: follow PROCEED edges, collect TAKE / IGNORE edges that fire
    List<Transition> edges = scratch.edges;
    edges.clear();
    int totalTake = 0;
    int totalIgnore = 0;
    ArrayDeque<State> stack = scratch.stack;
    stack.clear();
    State current = state;
    while (current != null) {
      for (Transition transition : current.transitionArray()) {
        if (check(transition.guard(), event, context)) {
          if (transition.action() == Action.PROCEED) {
            stack.push(transition.target());
          } else {
            boolean selfIgnore = transition.action() == Action.IGNORE
                && transition.target() == state;
            if (!selfIgnore) {
              if (transition.action() == Action.IGNORE) {
                totalIgnore++;
              } else {
                totalTake++;
              }
            }
            edges.add(transition);
          }
        }
      }
      current = stack.isEmpty() ? null : stack.pop();
    }
    boolean start = state.isStart();
    if (!start && totalTake == 0 && totalIgnore == 0 && edges.size() == 1
        && edges.get(0).target() == state) {
      // Only the self-ignore fired: Flink makes an equal computation state, locks the node it
      // points at and releases it again. Every edge compatible with a live partial match holds
      // a lock of it, so that pair changes no count: keep the state as it is.
      result.add(computation);
      return;
    }
    int takeBranchesToVisit = Math.max(0, totalTake - 1);
    int ignoreBranchesToVisit = totalIgnore;
    int totalTakeToSkip = Math.max(0, totalTake - 1);
    for (int i = 0, n = edges.size(); i < n; i++) {
      Transition edge = edges.get(i);
      if (edge.action() == Action.IGNORE) {
        if (!start) {
          DeweyNumber version;
          if (edge.target() == state) {
            version = computation.version.increase(increasingSelfState(totalIgnore, totalTake));
          } else {
            version =
                computation.version.increase(totalTakeToSkip + ignoreBranchesToVisit).addStage();
            ignoreBranchesToVisit--;
          }
          add(buffer, result, edge.target(), computation.previousEntry, version,
              computation.startTimestamp, computation.previousTimestamp, computation.startEventId);
        }
      } else {
        State nextState = edge.target();
        State currentState = edge.source();
        DeweyNumber currentVersion = computation.version.increase(takeBranchesToVisit);
        DeweyNumber nextVersion = currentVersion.addStage();
        takeBranchesToVisit--;
        RuleBuffer.Node newEntry =
            buffer.put(currentState.patternName(), entry, computation.previousEntry, currentVersion,
                scratch.eventNodes);
        long startTimestamp = start ? eventId.timestamp() : computation.startTimestamp;
        EventId startEventId = start ? eventId : computation.startEventId;
        long previousTimestamp = eventId.timestamp();
        add(buffer, result, nextState, newEntry, nextVersion, startTimestamp, previousTimestamp,
            startEventId);
        State finalState = finalStateAfterProceed(context, nextState, event, scratch.proceedStack);
        if (finalState != null) {
          add(buffer, result, finalState, newEntry, nextVersion, startTimestamp, previousTimestamp,
              startEventId);
        }
      }
    }
    if (start) {
      int totalBranches = increasingSelfState(totalIgnore, totalTake);
      if (totalBranches == 0 && isFreshStart(computation)) {
        result.add(computation); // what Flink creates anew would equal it in every field
      } else {
        result.add(ComputationState.start(state, computation.version.increase(totalBranches)));
      }
    }
    if (computation.previousEntry != null) {
      buffer.releaseNode(computation.previousEntry, computation.version);
    }
  }

  private static boolean isFreshStart(ComputationState computation) {
    return computation.previousEntry == null
        && computation.startEventId == null
        && computation.startTimestamp == -1L
        && computation.previousTimestamp == -1L;
  }

  private static void add(
      RuleBuffer buffer,
      List<ComputationState> states,
      State target,
      RuleBuffer.Node previousEntry,
      DeweyNumber version,
      long startTimestamp,
      long previousTimestamp,
      EventId startEventId) {
    states.add(new ComputationState(target, target.name(), previousEntry, version, startTimestamp,
        previousTimestamp, startEventId));
    if (previousEntry != null) {
      buffer.lockNode(previousEntry, version);
    }
  }

  private static State finalStateAfterProceed(
      Context context, State state, Event event, ArrayDeque<State> stack) {
    stack.clear();
    State current = state;
    while (current != null) {
      for (Transition transition : current.transitionArray()) {
        if (transition.action() == Action.PROCEED && check(transition.guard(), event, context)) {
          if (transition.target().isFinal()) {
            return transition.target();
          }
          stack.push(transition.target());
        }
      }
      current = stack.isEmpty() ? null : stack.pop();
    }
    return null;
  }

  private static int increasingSelfState(int ignoreBranches, int takeBranches) {
    return takeBranches == 0 && ignoreBranches == 0
        ? 0
        : ignoreBranches + Math.max(1, takeBranches);
  }

}
