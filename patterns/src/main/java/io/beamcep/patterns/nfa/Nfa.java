package io.beamcep.patterns.nfa;

import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.model.AfterMatch;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A compiled automaton: Flink's {@code NFAFactoryImpl} content. Immutable once built and shared by
 * every key.
 *
 * @param windowTime the FIRST_AND_LAST window in ms, 0 for none
 * @param windowTimes per-state PREVIOUS_AND_CURRENT windows in ms, keyed by internal state name
 * @param memoSlots how many event-only guards the automaton has ({@link Guard#memoSlot()})
 */
public record Nfa(
    List<State> states,
    long windowTime,
    Map<String, Long> windowTimes,
    AfterMatch afterMatch,
    Map<String, State> byName,
    int memoSlots) {

  public Nfa(List<State> states, long windowTime, Map<String, Long> windowTimes, AfterMatch skip) {
    this(List.copyOf(states), windowTime, Map.copyOf(windowTimes), skip, index(states),
        assignMemoSlots(states));
  }

  public Nfa {
    for (int i = 0; i < states.size(); i++) {
      State state = states.get(i);
      state.index(i);
      Long gap = windowTimes.get(state.name());
      state.previousWindow(gap == null || gap < 0 ? 0L : gap);
      state.freeze();
    }
    for (State state : states) {
      state.readsMatch(readsMatch(state));
      state.decisionTree(DecisionTree.of(state));
    }
  }

  /** Whether a guard on {@code state}'s edges, or past its PROCEED edges, reads the match. */
  private static boolean readsMatch(State state) {
    Set<State> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<State> pending = new ArrayDeque<>(List.of(state));
    while (!pending.isEmpty()) {
      State current = pending.pop();
      if (!seen.add(current)) {
        continue;
      }
      for (Transition transition : current.transitionArray()) {
        Guard guard = transition.guard();
        if (guard != null && !guard.eventOnly()) {
          return true;
        }
        if (transition.action() == Action.PROCEED) {
          pending.push(transition.target());
        }
      }
    }
    return false;
  }

  /**
   * Numbers the distinct event-only leaf conditions of the automaton: many partial matches of one
   * key test the same guards against the same event, and a step's skip guard is the negation of its
   * take guard, so the matcher tests each of these once per event. Leaves whose conditions are
   * equal (one named condition of the rule used by several steps) share a slot. The constant true
   * guard is cheaper to test than to look up, and shared by all automata.
   *
   * @return the number of slots, the size of the matcher's per-event memo
   */
  private static int assignMemoSlots(List<State> states) {
    Map<Condition, Integer> slots = new HashMap<>();
    forEachLeaf(states, guard -> {
      if (guard.eventOnly() && guard != Guard.alwaysTrue()) {
        guard.memoSlot(slots.computeIfAbsent(guard.condition(), condition -> slots.size()));
      }
    });
    return slots.size();
  }

  /**
   * The event-only leaves by memo slot ({@link Guard#memoSlot()}), one per slot (the leaves sharing
   * a slot have equal conditions): what a matcher needs to share slots between rules.
   */
  public Guard[] memoLeaves() {
    Guard[] leaves = new Guard[memoSlots];
    forEachLeaf(states, guard -> {
      if (guard.memoSlot() >= 0 && leaves[guard.memoSlot()] == null) {
        leaves[guard.memoSlot()] = guard;
      }
    });
    return leaves;
  }

  /** Hands {@code leaf} every leaf of every transition's guard, in transition order. */
  private static void forEachLeaf(List<State> states, Consumer<Guard> leaf) {
    ArrayDeque<Guard> pending = new ArrayDeque<>();
    for (State state : states) {
      for (Transition transition : state.transitions()) {
        if (transition.guard() != null) {
          pending.push(transition.guard());
        }
        while (!pending.isEmpty()) {
          Guard guard = pending.pop();
          if (guard.negated() != null) {
            pending.push(guard.negated());
          } else if (guard.left() != null) {
            pending.push(guard.right());
            pending.push(guard.left());
          } else {
            leaf.accept(guard);
          }
        }
      }
    }
  }

  private static Map<String, State> index(List<State> states) {
    Map<String, State> byName = new HashMap<>();
    for (State state : states) {
      byName.put(state.name(), state);
    }
    return Collections.unmodifiableMap(byName);
  }

  public State state(String name) {
    return byName.get(name);
  }

  public State startState() {
    for (State state : states) {
      if (state.isStart()) {
        return state;
      }
    }
    throw new IllegalStateException("automaton without a start state");
  }
}
