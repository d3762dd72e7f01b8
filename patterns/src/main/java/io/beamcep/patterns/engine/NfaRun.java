package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.RuleKey;
import io.beamcep.patterns.nfa.Action;
import io.beamcep.patterns.nfa.DecisionTree;
import io.beamcep.patterns.nfa.Moves;
import io.beamcep.patterns.nfa.Nfa;
import io.beamcep.patterns.nfa.State;
import io.beamcep.patterns.nfa.Transition;
import java.util.Collections;
import java.util.List;

/**
 * Flink CEP 1.19's NFA algorithm (NFA.process / advanceTime / computeNextStates) over one rule's
 * state. Stateless; every call works on the {@link RuleState} given.
 */
final class NfaRun {
  private NfaRun() {}

  /** A new rule state: the rule's shared fresh start, {@code freshStart}, and nothing else. */
  static void initialize(RuleState state, ComputationState freshStart) {
    state.partialMatches().add(freshStart);
  }

  /**
   * For a rule that holds only its fresh start, {@code freshStart}: begins its call and returns
   * true when the event starts nothing, what the full step would find (the start is kept as it
   * is) without its bookkeeping. Most rules of most keys are in that state for most events, and
   * the caller then need not even read the rule's state. When it returns false, the caller goes on
   * with {@link #process}.
   */
  static boolean staysIdle(int[] memoSlots, ComputationState freshStart, EventId id, Event event,
      RunScratch scratch) {
    beginCall(memoSlots, id, scratch);
    return !starts(freshStart, event, scratch);
  }

  /**
   * For a rule holding partial matches, once its call has begun ({@link #beginCall}): true when
   * the event leaves every one as it is, each ignoring it in its state (the step's self-ignore)
   * and the fresh start {@code freshStart} taking nothing, which is what {@link #process} would
   * find, returning false, without reading the rule into a rule state or filing a successor per
   * partial match. Most events concern few of a large rule set's rules: a rule waiting for a
   * purchase ignores the views between. Decided only from states whose guards read the event
   * alone (remembered per event, so the step that follows a false answer tests nothing again);
   * a partial match in any other state answers false, and the step decides.
   */
  static boolean ignores(KeyState state, int rule, ComputationState freshStart, Event event,
      RunScratch scratch) {
    for (int p = 0, size = state.queueSize(rule); p < size; p++) {
      ComputationState computation = state.partialMatch(rule, p);
      State current = computation.state;
      if (current.isStart()) {
        if (computation != freshStart || starts(computation, event, scratch)) {
          return false;
        }
      } else {
        if (current.decisionTree() == null) {
          return false;
        }
        Moves moves = decide(current, event, scratch.context, scratch, computation);
        if (moves.size() != 1 || moves.edge(0).action() != Action.IGNORE
            || moves.edge(0).target() != current) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Flink's NFA.process for one event, once the rule's call has begun ({@link #beginCall}, or
   * {@link #staysIdle} for an idle rule). Returns false when the rule's state is unchanged (every
   * partial match stays as it was, nothing completed), so the caller can skip recomputing the
   * deadline; in that case the partial-match queue is kept as is, which is what rebuilding it
   * would produce: re-inserting a heap's elements in its array order reproduces the same heap.
   */
  static boolean process(Nfa nfa, RuleKey key, RuleState state, ComputationState freshStart,
      EventId id, Event event, List<Match> out, RunScratch scratch) {
    try {
      return run(nfa, key, state, freshStart, id, event, out, scratch);
    } finally {
      scratch.clear(); // drop references to this key's objects
    }
  }

  /**
   * Starts a rule's call for the event {@code id}: the decisions of the call before are stale.
   * {@code memoSlots} maps the rule's memo slots to its matcher's.
   */
  static void beginCall(int[] memoSlots, EventId id, RunScratch scratch) {
    scratch.beginCall();
    scratch.context.beginRule(id.timestamp(), scratch, memoSlots);
  }

  /** True when the fresh start {@code start} takes the event (starts a partial match). */
  private static boolean starts(ComputationState start, Event event, RunScratch scratch) {
    Moves moves = decide(start.state, event, scratch.context, scratch, start);
    if (moves instanceof Decision decision) {
      // the fresh start is the only partial match deciding in its state this call: keep the
      // decision for run even when a guard read the (empty) match, so no guard is tested twice
      decision.call = scratch.call;
    }
    for (int i = 0, n = moves.size(); i < n; i++) {
      if (moves.edge(i).action() != Action.IGNORE) {
        return true; // a take: run decides again from the tree, the cached decision or the guards
      }
    }
    return false; // a start ignores nothing: it stays the fresh start it was
  }

  private static boolean run(Nfa nfa, RuleKey key, RuleState state, ComputationState freshStart,
      EventId id, Event event, List<Match> out, RunScratch scratch) {
    boolean unchanged = !state.hasCompletedMatches();
    // in Flink's insertion order, so the queues built from them are laid out as Flink's
    List<ComputationState> newPartials = scratch.newPartials;
    List<ComputationState> potentials = scratch.potentials;
    // pointed at this rule call by beginCall; a guard of staysIdle may have bound the
    // fresh start, which never moves
    PartialMatchContext context = scratch.context;
    int results = out.size();
    boolean lost = false; // a started partial match ended: what it held may be released
    PartialMatchQueue partialMatches = state.partialMatches();
    EventId prunedUpTo = null; // set once the first partial match's match will prune (pruneBound)
    for (int p = 0, count = partialMatches.size(); p < count; p++) {
      ComputationState computation = partialMatches.get(p);
      if (prunedUpTo != null && skipsPruned(computation, prunedUpTo, id, freshStart, scratch)) {
        lost |= computation.startEventId != null;
        continue;
      }
      int retained = newPartials.size();
      scratch.successors = 0;
      scratch.discard = false;
      boolean moved = computeNextStates(computation, id, event, context, scratch, freshStart);
      if (unchanged && !moved && scratch.successors == 1 && newPartials.size() == retained + 1
          && sameAs(newPartials.get(retained), computation)) {
        if (newPartials.get(retained) != computation) {
          newPartials.set(retained, computation); // the queue keeps its own object
        }
        continue;
      }
      unchanged = false;
      if (scratch.discard) {
        // from the end, without the view object (and its walk up to the list) subList makes
        for (int i = newPartials.size() - 1; i >= retained; i--) {
          newPartials.remove(i);
        }
      }
      lost |= computation.startEventId != null && (scratch.discard || scratch.successors == 0);
      if (p == 0 && count > 1) {
        prunedUpTo = pruneBound(nfa, state, computation, potentials);
      }
    }
    if (scratch.sharedStart) {
      state.markSharedStarts();
    }
    if (unchanged) {
      return false;
    }
    // the old queue has been read: refill it, which lays it out as a new queue filled alike
    PartialMatchQueue newPartialMatches = partialMatches;
    newPartialMatches.refill(newPartials);
    if (potentials.size() == 1 && !state.hasCompletedMatches()) {
      AfterMatchEmission.emitSingle(
          key, state, nfa.afterMatch(), potentials.get(0), newPartialMatches, id, out);
      releaseIfLost(state, lost || out.size() > results);
      return true;
    }
    PartialMatchQueue potentialMatches = null;
    if (!potentials.isEmpty()) {
      potentialMatches = new PartialMatchQueue(potentials.size());
      for (int i = 0, n = potentials.size(); i < n; i++) {
        potentialMatches.add(potentials.get(i));
      }
    }
    AfterMatchEmission.emit(key, state, nfa.afterMatch(), potentialMatches,
        newPartialMatches, id.timestamp(), out);
    releaseIfLost(state, lost || out.size() > results);
    return true;
  }

  /**
   * What the match of {@code first}, the queue's earliest partial match, will prune when it leaves:
   * under SKIP_PAST_LAST_EVENT, with no match held back and nothing started before it, it leaves
   * with this event and prunes every partial match (and every match) that started at or before its
   * last event, whose id this returns; null when it is not such a match. Stepping those would make
   * successors and matches only to drop them: rule 1 made a start per match that died at once,
   * rules 3 and 5 stepped every partial match a match overtook.
   */
  private static EventId pruneBound(Nfa nfa, RuleState state, ComputationState first,
      List<ComputationState> potentials) {
    if (potentials.size() != 1 || first.startEventId == null || state.hasCompletedMatches()
        || nfa.afterMatch().type() != AfterMatchType.SKIP_PAST_LAST_EVENT) {
      return null;
    }
    PathNode newest = potentials.get(0).path;
    return newest == null ? null : newest.id;
  }

  /**
   * True when {@code computation} need not be stepped, because the match found first prunes all
   * it would leave (see {@link #pruneBound}): it started at or before {@code prunedUpTo}; or it is
   * the rule's start and {@code prunedUpTo} is this event ({@code id}), so what it starts is pruned
   * too, and the start is filed as a step would renew it. Guards are not tested for what is
   * skipped, so one that would have failed there is not counted either.
   */
  private static boolean skipsPruned(ComputationState computation, EventId prunedUpTo, EventId id,
      ComputationState freshStart, RunScratch scratch) {
    if (computation.startEventId != null) {
      return PartialMatchQueue.startedAtOrBefore(computation, prunedUpTo);
    }
    if (prunedUpTo != id) {
      return false; // what the event starts comes after the match's last event, and stays
    }
    scratch.accept(renewedStart(computation, freshStart));
    return true;
  }

  /**
   * Brings the rule's started partial matches and held-back matches to at most {@code max} by
   * dropping the oldest partial matches, then emits the held matches nothing earlier holds back
   * any more (a windowless rule whose first partial match never ends would otherwise hold every
   * later match, without bound). Returns how many partial matches it dropped.
   */
  static int keepWithin(Nfa nfa, RuleKey key, RuleState state, int max, long timestamp,
      List<Match> out) {
    int dropped = state.dropOldest(max);
    if (dropped > 0 && state.hasCompletedMatches()) {
      AfterMatchEmission.emit(
          key, state, nfa.afterMatch(), null, state.partialMatches(), timestamp, out);
      releaseIfLost(state, true);
    }
    return dropped;
  }

  /** After partial matches ended (or were emitted), cuts the shared past none needs any more. */
  private static void releaseIfLost(RuleState state, boolean lost) {
    if (lost && state.sharedStarts()) {
      PathCut.release(state);
    }
  }

  /** Same automaton state, events taken and window bookkeeping. */
  private static boolean sameAs(ComputationState a, ComputationState b) {
    return a == b
        || a.state == b.state
        && a.path == b.path
        && a.startTimestamp == b.startTimestamp
        && java.util.Objects.equals(a.startEventId, b.startEventId);
  }

  /**
   * Flink's NFA.advanceTime: {@code timeouts} says whether timed-out partial matches are returned
   * (Flink's handleTimeout); when not, they are only dropped.
   */
  static void advanceTime(Nfa nfa, RuleKey key, RuleState state, long timestamp,
      boolean timeouts, List<Match> out, RunScratch scratch) {
    // kept in queue order, then refilled into the same queue (laid out as a new one filled alike)
    List<ComputationState> kept = scratch.newPartials;
    try {
      advanceTime(nfa, key, state, timestamp, timeouts, out, kept);
    } finally {
      kept.clear(); // drop references to this key's objects
    }
  }

  private static void advanceTime(Nfa nfa, RuleKey key, RuleState state, long timestamp,
      boolean makeTimeouts, List<Match> out, List<ComputationState> kept) {
    // timeouts go straight into out, and are moved behind the matches emitted after them (Flink
    // emits a rule's matches first): a list of their own per call was a tenth of the timer's garbage
    int timeoutsFrom = out.size();
    PartialMatchQueue potentialMatches = null;
    long windowTime = nfa.windowTime();
    boolean changed = false;
    int timeouts = 0;
    PartialMatchQueue partialMatches = state.partialMatches();
    for (int p = 0, count = partialMatches.size(); p < count; p++) {
      ComputationState computation = partialMatches.get(p);
      State current = computation.state;
      boolean start = current.isStart();
      long gap = current.previousWindow();
      // the time of the last take is read from the path only for a rule that has such a window
      boolean previousTimedOut =
          gap > 0L && timedOut(start, timestamp, computation.previousTimestamp(), gap);
      boolean firstTimedOut = timedOut(start, timestamp, computation.startTimestamp, windowTime);
      if (previousTimedOut || firstTimedOut) {
        changed = true;
        if (current.isPending()) {
          if (potentialMatches == null) {
            potentialMatches = new PartialMatchQueue(2);
          }
          potentialMatches.add(computation);
          continue;
        }
        if (makeTimeouts) {
          out.add(Match.ofPath(key, Match.Kind.TIMEOUT, computation.path,
              computation.startEventId, timestamp));
          timeouts++;
        }
      } else {
        kept.add(computation);
      }
    }
    if (!changed && !state.hasCompletedMatches()) {
      return; // nothing moved: keep the queue (and its order) untouched
    }
    PartialMatchQueue newPartialMatches = partialMatches;
    newPartialMatches.refill(kept);
    AfterMatchEmission.emit(
        key, state, nfa.afterMatch(), potentialMatches, newPartialMatches, timestamp, out);
    releaseIfLost(state, true);
    if (timeouts > 0 && out.size() > timeoutsFrom + timeouts) {
      Collections.rotate(out.subList(timeoutsFrom, out.size()), -timeouts);
    }
  }

  private static boolean timedOut(boolean start, long now, long since, long window) {
    return !start && window > 0L && now - since >= window;
  }

  /** The earliest deadline of this rule's partial matches, Long.MAX_VALUE when none. */
  static long deadline(Nfa nfa, RuleState state) {
    long deadline = Long.MAX_VALUE;
    long windowTime = nfa.windowTime();
    PartialMatchQueue partialMatches = state.partialMatches();
    for (int p = 0, count = partialMatches.size(); p < count; p++) {
      ComputationState computation = partialMatches.get(p);
      if (computation.startEventId == null) {
        continue;
      }
      if (windowTime > 0) {
        deadline = Math.min(deadline, endOf(computation.startTimestamp, windowTime));
      }
      long gap = computation.state.previousWindow();
      if (gap > 0) {
        deadline = Math.min(deadline, endOf(computation.previousTimestamp(), gap));
      }
    }
    return deadline;
  }

  /** {@code since + window}, or Long.MAX_VALUE (no deadline) for a window that never closes. */
  private static long endOf(long since, long window) {
    return since > Long.MAX_VALUE - window ? Long.MAX_VALUE : since + window;
  }

  /**
   * Flink's computeNextStates: hands what {@code computation} becomes to {@link RunScratch#accept}.
   * Returns true when {@code computation} itself was moved (its one successor is a take; see
   * {@link ComputationState#advance}). {@code freshStart} is the rule's shared fresh start.
   */
  private static boolean computeNextStates(
      ComputationState computation,
      EventId eventId,
      Event event,
      PartialMatchContext context,
      RunScratch scratch,
      ComputationState freshStart) {
    State state = computation.state;
    Moves moves = decide(state, event, context, scratch, computation);
    int n = moves.size();
    boolean start = state.isStart();
    if (!start && n == 1 && moves.edge(0).action() == Action.IGNORE
        && moves.edge(0).target() == state) {
      // Only the self-ignore fired: Flink makes an equal computation state (a new version of the
      // same branch): keep the state as it is.
      scratch.accept(computation);
      return false;
    }
    for (int i = 0; i < n; i++) {
      Transition edge = moves.edge(i);
      if (edge.action() == Action.IGNORE) {
        if (!start) {
          scratch.accept(new ComputationState(edge.target(), computation.path,
              computation.startTimestamp, computation.startEventId));
        }
      } else {
        State nextState = edge.target();
        PathNode taken =
            take(scratch, eventId, event, edge.source().patternName(), computation.path, start);
        long startTimestamp = start ? eventId.timestamp() : computation.startTimestamp;
        EventId startEventId = start ? eventId : computation.startEventId;
        State finalState = moves.finalState(i);
        if (!start && n == 1 && finalState == null) {
          computation.advance(nextState, taken);
          scratch.accept(computation);
          return true;
        }
        scratch.accept(new ComputationState(nextState, taken, startTimestamp, startEventId));
        if (finalState != null) {
          scratch.accept(new ComputationState(finalState, taken, startTimestamp, startEventId));
        }
      }
    }
    if (start) {
      // what Flink creates anew (a new version of the start state) equals a fresh one
      scratch.accept(renewedStart(computation, freshStart));
    }
    return false;
  }

  /**
   * A state's walked decision for the current event, kept for the rule call: it depends on the
   * partial match only through guards that read it; when all guards tested were event-only, it
   * holds for every partial match of the rule in that state, and the next one reuses it.
   */
  static final class Decision extends Moves {
    /** The rule call it holds for; 0 when it read a partial match and holds for that one only. */
    long call;
  }

  /**
   * What {@code state} does with the event for {@code computation}: from the state's decision tree
   * when its guards are event-only (a few memo lookups), else walked, testing the guards in the
   * order Flink's computeNextStates tests them.
   */
  private static Moves decide(State state, Event event, PartialMatchContext context,
      RunScratch scratch, ComputationState computation) {
    DecisionTree tree = state.decisionTree();
    if (tree != null) {
      int node = tree.root();
      while (node >= 0) {
        // a tree's leaves are event-only and memoized (DecisionTree.of)
        node = tree.next(node, context.testMemoized(tree.guard(node), tree.slot(node), event));
      }
      return tree.leaf(~node);
    }
    int index = state.index();
    Decision[] decisions = scratch.decisionsFor(index);
    Decision decision = decisions[index];
    if (decision == null) {
      decision = new Decision();
      decisions[index] = decision;
    } else if (decision.call == scratch.call) {
      return decision;
    }
    context.startDecision();
    decision.walk(state, context.guardTest(event, computation), scratch.stack);
    decision.call = context.readMatch() ? 0L : scratch.call;
    return decision;
  }

  /**
   * The node for taking {@code event} under {@code pageName} after {@code past}. The node the
   * previous take of this rule call made serves when it is the same take after the same past, or
   * when the taker is a start (its chain ends at this event whatever the node links to): the
   * partial matches of a looping step, one per start event, then add one node per event between
   * them, not one each.
   */
  private static PathNode take(RunScratch scratch, EventId eventId, Event event, String pageName,
      PathNode past, boolean start) {
    PathNode last = scratch.lastTake;
    if (last != null && last.pageName.equals(pageName)) {
      if (last.previous == past) {
        return last;
      }
      if (start) {
        scratch.sharedStart = true;
        return last;
      }
    }
    PathNode node = new PathNode(eventId, event, pageName, past);
    scratch.lastTake = node;
    return node;
  }

  /**
   * What a step leaves of the partial match {@code start}, in a start state: itself when it is
   * fresh, else the rule's shared fresh start {@code shared} when that is in its state, else a new
   * one.
   */
  private static ComputationState renewedStart(ComputationState start, ComputationState shared) {
    if (start.isFreshStart()) {
      return start;
    }
    State state = start.state;
    return shared != null && shared.state == state ? shared : ComputationState.start(state);
  }

}
