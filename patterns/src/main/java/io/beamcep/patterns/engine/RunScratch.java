package io.beamcep.patterns.engine;

import io.beamcep.patterns.nfa.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * Lists and memo reused by every {@link NfaRun#process} call of a thread: per partial match the
 * algorithm needs a few short-lived lists, and allocating them dominated its garbage. A call
 * never re-enters (conditions cannot reach the matcher), so one set per thread suffices.
 */
final class RunScratch {
  private static final ThreadLocal<RunScratch> SCRATCH = ThreadLocal.withInitial(RunScratch::new);

  /** Calls one scratch set serves (events and timers) before {@link #current()} replaces it. */
  static final int RENEWAL = 1 << 13;

  /**
   * This thread's scratch set: fetched once per event or timer and handed to every rule's step.
   *
   * <p>Replaced by a new one every {@link #RENEWAL} calls so that it never grows old. G1,
   * the default collector, makes each store of a reference into an old-generation object pay a
   * memory fence in its card-marking barrier (a store into a young object skips it), and the
   * scratch takes several reference stores per partial match per event: successors filed, the
   * decisions' edges, the bound match. A scratch kept for the thread's life is promoted after a
   * few collections and pays that fence on each of them; renewed every few thousand events, it is
   * dropped long before a collection can promote it. The new set, a few small arrays, is a
   * fraction of a byte per event.
   */
  static RunScratch current() {
    RunScratch scratch = SCRATCH.get();
    if ((++scratch.served & (RENEWAL - 1)) == 0) {
      scratch = new RunScratch();
      SCRATCH.set(scratch);
    }
    return scratch;
  }

  final ArrayList<ComputationState> newPartials = new ArrayList<>();
  final ArrayList<ComputationState> potentials = new ArrayList<>();
  /** How many successors the current partial match has so far ({@link #accept}). */
  int successors;
  /** Set when a successor of the current partial match reached a stop state. */
  boolean discard;
  final ArrayDeque<State> stack = new ArrayDeque<>();
  final PartialMatchContext context = new PartialMatchContext();
  /**
   * Per event-only condition (by its matcher's memo slot), its answer for the current event:
   * {@code event << 2} plus {@link PartialMatchContext#TRUE}, {@code FALSE} or {@code THREW}. An
   * entry of an earlier event is stale, so the memo is never cleared.
   */
  long[] memo = new long[8];
  /** Per memo slot, the last rule call that counted the condition's error on its rule. */
  long[] counted = new long[8];
  /**
   * Per memo slot, what the condition threw when its entry says {@code THREW}, for the rules that
   * count that answer after the one that tested it.
   */
  RuntimeException[] thrown = new RuntimeException[8];
  /** Numbers the events, so memo entries of an earlier one are stale; 0 marks none valid. */
  long event;
  /** Per automaton state (by index), its decision for the current event and rule call. */
  NfaRun.Decision[] decisions = new NfaRun.Decision[8];
  /** Numbers the rule calls, so decisions of an earlier call are stale; 0 marks none valid. */
  long call;
  /** The newest path node this rule call made, which a like take may share (NfaRun.take). */
  PathNode lastTake;
  /** Set when a partial match started on a node whose chain goes on past its start. */
  boolean sharedStart;
  /**
   * The rule state the matcher reads each rule of a key into before the rule runs (the key
   * keeps its rules as numbers: KeyState#load); young, as the scratch is, so its stores skip
   * G1's fence.
   */
  final RuleState rule = new RuleState();
  /**
   * The rules the current event visits (Matcher#rulesToVisit), a word per 64 rules: reused while
   * the matcher's rules need as many words.
   */
  private long[] visited = new long[1];
  /** Calls served, counted by {@link #current()}. */
  int served;

  /** Starts a rule's call: the decisions of the one before are stale from here. */
  void beginCall() {
    call++;
    lastTake = null;
    sharedStart = false;
  }

  /**
   * The slot of {@link #decisions} for the automaton state numbered {@code index}, the array grown
   * to hold it when it is too short: sized here, where a walked decision needs it, rather than for
   * every rule call, which most rules of most keys make only to find the event starts nothing.
   */
  NfaRun.Decision[] decisionsFor(int index) {
    if (index >= decisions.length) {
      decisions = Arrays.copyOf(decisions, Math.max(index + 1, decisions.length * 2));
    }
    return decisions;
  }

  /** {@link #visited}, made the union of the busy rules of {@code state} and {@code always}. */
  long[] visitedRules(KeyState state, long[] always) {
    int words = always.length; // the matcher's rules, which the state is synced with
    if (visited.length != words) {
      visited = new long[words];
    }
    for (int w = 0; w < words; w++) {
      visited[w] = state.busyWord(w) | always[w];
    }
    return visited;
  }

  /**
   * Starts an event: the memo's answers of the one before are stale from here. Sizes the memo for
   * {@code slots} conditions.
   */
  void beginEvent(int slots) {
    event++;
    if (memo.length < slots) {
      memo = new long[Math.max(slots, memo.length * 2)];
      counted = new long[memo.length];
      thrown = new RuntimeException[memo.length];
    }
  }

  /**
   * Files one successor of the current partial match where Flink's NFA.process files it: final
   * states among the potential matches, others among the new partial matches (dropped again by
   * {@link NfaRun#run} when a sibling reached a stop state). Filed as they come rather than
   * gathered in a list first: each list store into this long-lived scratch costs G1 a fence.
   */
  void accept(ComputationState successor) {
    successors++;
    State target = successor.state;
    if (target.isFinal()) {
      potentials.add(successor);
    } else if (target.isStop()) {
      discard = true;
    } else {
      newPartials.add(successor);
    }
  }

  void clear() {
    newPartials.clear();
    potentials.clear();
    lastTake = null;
    context.unbind();
  }
}
