package io.beamcep.patterns.engine;

import io.beamcep.patterns.nfa.Nfa;
import io.beamcep.patterns.nfa.State;
import java.util.HashSet;
import java.util.Set;

/**
 * One rule version's part of a key's state: Flink's NFAState; its partial matches hold paths.
 *
 * <p>It is its own queue of partial matches (Flink's partialMatches) rather than holding one.
 *
 * <p>A key does not keep these objects: it keeps their fields in its arrays ({@link KeyState}), and
 * the matcher reads a rule into a rule state of its own before the rule runs and writes it back
 * after ({@link KeyState#load}, {@link KeyState#store}). Everything else works on a rule state as
 * on any object.
 */
final class RuleState extends PartialMatchQueue {
  /**
   * Matches found but held back by the skip strategy; null while there are none, which is nearly
   * always, so an idle rule's state is a few objects fewer and a cache line less to read per event.
   * An empty queue lays elements out as a new one does, so dropping it changes no order.
   */
  private PartialMatchQueue completedMatches;
  /** When advanceTime would next change this rule's state; kept current by the matcher. */
  long deadline = Long.MAX_VALUE;
  /**
   * Bit 0 is set while some partial match may have started on a shared node, whose chain goes on
   * past its start (see {@link PathNode}); {@link PathCut} clears it once no such link is left. The
   * bits above number PathCut's passes over this rule's partial matches (its node marks). One int
   * for both, so a key keeps them with the queue's size in one long.
   */
  private int cuts;

  /** Starts with no slots: the key state gives it a slice of its array ({@link KeyState#pack}). */
  RuleState() {
    super(0);
  }

  /** The held-back matches, or null when there are none (for KeyState's packed form). */
  PartialMatchQueue completedOrNull() {
    return completedMatches;
  }

  /** The {@link #cuts} word, for KeyState's packed form. */
  int cuts() {
    return cuts;
  }

  /**
   * Makes this the state of a rule read from its key: the queue's slice, the deadline, the cuts
   * word and the held-back matches (null for none).
   */
  void bind(ComputationState[] array, int base, int capacity, int size, long deadline, int cuts,
      PartialMatchQueue completed) {
    bind(array, base, capacity, size);
    this.deadline = deadline;
    this.cuts = cuts;
    this.completedMatches = completed;
  }

  /** True while some partial match may have started on a shared node (see {@link #cuts}). */
  boolean sharedStarts() {
    return (cuts & 1) != 0;
  }

  /** Notes that a partial match may have started on a shared node. */
  void markSharedStarts() {
    cuts |= 1;
  }

  /** Starts a {@link PathCut} pass over this rule's partial matches: returns its number. */
  int beginCutPass() {
    cuts += 2;
    return cuts >>> 1;
  }

  /** Ends a {@link PathCut} pass: {@code linksLeft} says whether a link past a start is left. */
  void endCutPass(boolean linksLeft) {
    cuts = linksLeft ? cuts | 1 : cuts & ~1;
  }

  /** Flink's partialMatches queue: this object. */
  PartialMatchQueue partialMatches() {
    return this;
  }

  /**
   * Points every partial match at {@code nfa}'s state of its name: a decoded state knows only the
   * names, and a rule version recompiled by a rule-set refresh has new (equal) state objects. A
   * fresh start is swapped for {@code sharedStart}, the matcher's, rather than changed.
   *
   * <p>Returns false, partway, when a partial match or held-back match does not fit {@code nfa}:
   * it waits in a state {@code nfa} lacks (or, having taken nothing, in one that is not a start
   * state), or took an event for a node {@code nfa} lacks ({@code nodes}: {@link #nodeNames}). So
   * it is when the rule was changed under its id and version (a rule row edited in place); the
   * caller then {@link #restart}s the rule, which drops what was pointed so far.
   */
  boolean resolveStates(Nfa nfa, ComputationState sharedStart, Set<String> nodes) {
    for (int i = 0, n = size(); i < n; i++) {
      ComputationState computation = get(i);
      State state = fitting(computation, nfa, nodes);
      if (state == null) {
        return false;
      }
      if (computation.isFreshStart()) {
        // equal in every field and in queue order, so the layout stays; a fresh start may be
        // another matcher's shared one, so it is replaced, never changed
        replace(i, computation.stateName().equals(sharedStart.stateName())
            ? sharedStart
            : ComputationState.start(state));
      } else {
        computation.state = state;
      }
    }
    if (completedMatches != null) {
      for (ComputationState computation : completedMatches) {
        State state = fitting(computation, nfa, nodes);
        if (state == null) {
          return false;
        }
        computation.state = state;
      }
    }
    return true;
  }

  /** The names of the nodes {@code nfa}'s states are for, as partial matches' paths name them. */
  static Set<String> nodeNames(Nfa nfa) {
    Set<String> nodes = new HashSet<>();
    for (State state : nfa.states()) {
      nodes.add(state.patternName());
    }
    return Set.copyOf(nodes);
  }

  /** {@code nfa}'s state for {@code computation}, or null when it does not fit there. */
  private static State fitting(ComputationState computation, Nfa nfa, Set<String> nodes) {
    State state = nfa.state(computation.stateName());
    if (state == null || computation.isFreshStart() && !state.isStart()) {
      return null; // a partial match that took nothing waits in the start state, or nowhere
    }
    for (PathNode node = computation.path; node != null;
        node = node.before(computation.startEventId)) {
      if (!nodes.contains(node.pageName)) {
        return null;
      }
    }
    return state;
  }

  /**
   * Forgets every partial match and held-back match: the rule holds {@code freshStart} alone, as
   * a rule new to the key does.
   */
  void restart(ComputationState freshStart) {
    clear();
    completedMatches = null;
    deadline = Long.MAX_VALUE;
    cuts = 0;
    NfaRun.initialize(this, freshStart);
  }

  boolean hasCompletedMatches() {
    return completedMatches != null;
  }

  /** The held-back matches, made on first use; {@link #dropCompletedIfEmpty} gives it back. */
  PartialMatchQueue completedMatches() {
    if (completedMatches == null) {
      completedMatches = new PartialMatchQueue(1);
    }
    return completedMatches;
  }

  void dropCompletedIfEmpty() {
    if (completedMatches != null && completedMatches.isEmpty()) {
      completedMatches = null;
    }
  }

  /** Matches held back by the skip strategy, waiting for an earlier partial match to end. */
  int heldMatchCount() {
    return completedMatches == null ? 0 : completedMatches.size();
  }

  /**
   * Drops the oldest started partial matches (by start event, the queue's order) until at most
   * {@code max} are left together with the held-back matches, and cuts the past only they held.
   * Returns how many it dropped. Held matches are not dropped: they wait only for earlier partial
   * matches, and once every started one is dropped none is left to wait for, so the caller can
   * emit them.
   */
  int dropOldest(int max) {
    int started = 0;
    for (int i = 0, n = size(); i < n; i++) {
      if (get(i).startEventId != null) {
        started++;
      }
    }
    int drop = Math.min(started, Math.max(0, started + heldMatchCount() - max));
    for (int i = 0; i < drop; i++) {
      poll(); // started partial matches order before the fresh start
    }
    if (drop > 0 && sharedStarts()) {
      PathCut.release(this);
    }
    return drop;
  }
}
