package io.beamcep.patterns.nfa;

import io.beamcep.patterns.model.AfterMatch;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled automaton: Flink's {@code NFAFactoryImpl} content. Immutable once built and shared by
 * every key.
 *
 * @param windowTime the FIRST_AND_LAST window in ms, 0 for none
 * @param windowTimes per-state PREVIOUS_AND_CURRENT windows in ms, keyed by internal state name
 */
public record Nfa(
    List<State> states,
    long windowTime,
    Map<String, Long> windowTimes,
    AfterMatch afterMatch,
    Map<String, State> byName) {

  public Nfa(List<State> states, long windowTime, Map<String, Long> windowTimes, AfterMatch skip) {
    this(List.copyOf(states), windowTime, Map.copyOf(windowTimes), skip, index(states));
  }

  public Nfa {
    for (State state : states) {
      Long gap = windowTimes.get(state.name());
      state.previousWindow(gap == null || gap < 0 ? 0L : gap);
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
