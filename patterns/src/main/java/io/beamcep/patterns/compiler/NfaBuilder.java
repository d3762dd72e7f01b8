package io.beamcep.patterns.compiler;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.PatternStep.Consuming;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.RuleLimits;
import io.beamcep.patterns.nfa.Action;
import io.beamcep.patterns.nfa.Guard;
import io.beamcep.patterns.nfa.State;
import io.beamcep.patterns.nfa.StateType;
import io.beamcep.patterns.nfa.Transition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Builds the automaton from the pattern chain, backwards from the final state, mirroring Flink CEP
 * 1.19's {@code NFACompiler.NFAFactoryCompiler} step by step (state creation order, internal state
 * names, transition order and conditions), so the matcher reproduces Flink's branching and
 * emission order. Validation happens before, in {@link PatternChain}, but for the one shape whose
 * flaw only shows while building (see createSingletonState).
 */
final class NfaBuilder {
  static final String ENDING_STATE_NAME = "$endState$";
  static final String STATE_NAME_DELIM = ":";

  private final java.util.Set<String> usedNames = new java.util.HashSet<>();
  /** Per base name, where {@link #uniqueName} resumes its search; the bare name comes first. */
  private final Map<String, Integer> nextSuffix = new HashMap<>();
  private static final int NO_SUFFIX = -1;
  private final Map<String, State> stopStates = new HashMap<>();
  private final List<State> states = new ArrayList<>();
  private final Map<String, Long> windowTimes = new HashMap<>();
  private final Map<PatternStep, Boolean> firstOfLoop = new IdentityHashMap<>();
  private final Map<String, State> originalStateMap = new HashMap<>();
  /** States made per step (a group's inner steps count for the group), to name the biggest. */
  private final Map<PatternStep, Integer> statesMadeBy = new IdentityHashMap<>();

  private long windowTime; // FIRST_AND_LAST, 0 when none
  private PatternStep currentGroup;
  private PatternStep current;
  private PatternStep following;

  /** Makes the RuleException for a JSON path and a reason (the rule's id and version known). */
  private final BiFunction<String, String, RuleException> errors;

  NfaBuilder(PatternStep last, long firstAndLastWindowMs,
      BiFunction<String, String, RuleException> errors) {
    this.current = last;
    this.windowTime = firstAndLastWindowMs;
    this.errors = errors;
  }

  List<State> states() {
    return states;
  }

  long windowTime() {
    return windowTime;
  }

  Map<String, Long> windowTimes() {
    return windowTimes;
  }

  void build() {
    State sink = createState(ENDING_STATE_NAME, StateType.FINAL);
    sink = createMiddleStates(sink);
    State start = convertPattern(sink);
    start.makeStart();
  }

  private State createMiddleStates(State sinkState) {
    State lastSink = sinkState;
    while (current.previous != null) {
      if (current.consuming == Consuming.NOT_FOLLOW) {
        // a notFollowedBy in the middle becomes edge conditions; trailing with a window, a
        // PENDING state that matches when the window closes without a forbidden event
        if ((current.previousAndCurrentWindowMs >= 0 || windowTime > 0) && lastSink.isFinal()) {
          State notFollow = createState(StateType.PENDING, true);
          Guard notCondition = takeCondition(current);
          State stop = createStopState(notCondition, current.name);
          notFollow.addProceed(stop, notCondition);
          notFollow.addIgnore(Guard.not(notCondition));
          lastSink = notFollow;
        }
      } else if (current.consuming == Consuming.NOT_NEXT) {
        State notNext = createState(StateType.NORMAL, true);
        Guard notCondition = takeCondition(current);
        State stop = createStopState(notCondition, current.name);
        if (lastSink.isFinal()) {
          // so that the proceed to final is not fired
          notNext.addIgnore(lastSink, Guard.not(notCondition));
        } else {
          notNext.addProceed(lastSink, Guard.not(notCondition));
        }
        notNext.addProceed(stop, notCondition);
        lastSink = notNext;
      } else {
        lastSink = convertPattern(lastSink);
      }
      following = current;
      current = current.previous;
    }
    return lastSink;
  }

  private State convertPattern(State sinkState) {
    State lastSink;
    if (current.has(QuantifierProperty.LOOPING)) {
      setFirstOfLoop(false);
      State sink = copyWithoutTransitiveNots(sinkState);
      State looping = createLooping(sink);
      setFirstOfLoop(true);
      lastSink = createTimesState(looping, sinkState, current.timesFrom, current.timesTo);
    } else if (current.has(QuantifierProperty.TIMES)) {
      lastSink = createTimesState(sinkState, sinkState, current.timesFrom, current.timesTo);
    } else {
      lastSink = createSingletonState(sinkState);
    }
    addStopStates(lastSink);
    return lastSink;
  }

  private State createState(StateType type, boolean isTake) {
    State state = createState(current.name, type);
    if (isTake) {
      if (!current.hasTimes) {
        if (current.previousAndCurrentWindowMs >= 0) {
          windowTimes.put(state.name(), current.previousAndCurrentWindowMs);
        }
      } else if (state.name().contains(STATE_NAME_DELIM) && current.timesWindowMs >= 0) {
        windowTimes.put(state.name(), current.timesWindowMs);
      }
    }
    return state;
  }

  private State createState(String name, StateType type) {
    PatternStep unrolling = currentGroup != null ? currentGroup : current;
    statesMadeBy.merge(unrolling, 1, Integer::sum);
    if (states.size() == RuleLimits.MAX_STATES) {
      // refused while unrolling, before a huge count has taken the memory it asks for; the limit
      // may be crossed by a small step after a big one, so the step that made most is named
      PatternStep biggest = unrolling;
      for (Map.Entry<PatternStep, Integer> made : statesMadeBy.entrySet()) {
        if (made.getValue() > statesMadeBy.get(biggest)) {
          biggest = made.getKey();
        }
      }
      throw errors.apply(biggest.path + ".quantifier", RuleLimits.tooManyStates());
    }
    String unique = uniqueName(name);
    State state = new State(unique, originalName(unique), type);
    states.add(state);
    return state;
  }

  /**
   * Flink's NFAStateNameHandler: the first use keeps the name, later ones get ":0", ":1"... Flink
   * tries every suffix from ":0" again on each call, which made compiling {@code times(n)}
   * quadratic in n (4,000 took 1.3 s; 100,000 had not finished after two minutes). Names are
   * never given back, so a search may resume after the suffix the last one for the same base
   * ended at, with the same result.
   */
  private String uniqueName(String base) {
    int suffix = nextSuffix.getOrDefault(base, NO_SUFFIX);
    String candidate = withSuffix(base, suffix);
    while (usedNames.contains(candidate)) {
      candidate = withSuffix(base, ++suffix);
    }
    usedNames.add(candidate);
    nextSuffix.put(base, suffix + 1);
    return candidate;
  }

  private static String withSuffix(String base, int suffix) {
    return suffix == NO_SUFFIX ? base : base + STATE_NAME_DELIM + suffix;
  }

  static String originalName(String internal) {
    int at = internal.indexOf(STATE_NAME_DELIM);
    // interned: the states a step unrolls into share one name object, and the matcher compares
    // the names of path nodes per take, per match and per iterative condition
    return at < 0 ? internal.intern() : internal.substring(0, at).intern();
  }

  private State createStopState(Guard notCondition, String name) {
    State stop = stopStates.get(name);
    if (stop == null) {
      stop = createState(name, StateType.STOP);
      stop.addTake(notCondition);
      stopStates.put(name, stop);
    }
    return stop;
  }

  private record NotCondition(Guard condition, String name) {}

  private List<NotCondition> currentNotConditions() {
    List<NotCondition> result = new ArrayList<>();
    PatternStep previous = current;
    while (previous.previous != null
        && (previous.previous.has(QuantifierProperty.OPTIONAL)
            || previous.previous.consuming == Consuming.NOT_FOLLOW)) {
      previous = previous.previous;
      if (previous.consuming == Consuming.NOT_FOLLOW) {
        result.add(new NotCondition(takeCondition(previous), previous.name));
      }
    }
    return result;
  }

  private State copyWithoutTransitiveNots(State sinkState) {
    List<NotCondition> nots = currentNotConditions();
    if (nots.isEmpty() || !current.has(QuantifierProperty.OPTIONAL)) {
      return sinkState;
    }
    State copy = createState(sinkState.name(), sinkState.type());
    for (Transition transition : sinkState.transitions()) {
      if (transition.action() == Action.PROCEED) {
        State target = transition.target();
        boolean remove = false;
        if (target.isStop()) {
          for (NotCondition not : nots) {
            if (target.name().equals(not.name())) {
              remove = true;
            }
          }
        } else {
          target = copyWithoutTransitiveNots(transition.target());
        }
        if (!remove) {
          copy.addTransition(transition.action(), target, transition.guard());
        }
      } else {
        copy.addTransition(
            transition.action(),
            transition.target() == transition.source() ? copy : transition.target(),
            transition.guard());
      }
    }
    return copy;
  }

  private State copy(State state) {
    State copy = createState(originalName(state.name()), state.type());
    for (Transition transition : state.transitions()) {
      copy.addTransition(
          transition.action(),
          transition.target() == transition.source() ? copy : transition.target(),
          transition.guard());
    }
    return copy;
  }

  private void addStopStates(State state) {
    for (NotCondition not : currentNotConditions()) {
      State stop = createStopState(not.condition(), not.name());
      state.addProceed(stop, not.condition());
    }
  }

  private void addStopStateToLooping(State loopingState) {
    if (following != null && following.consuming == Consuming.NOT_FOLLOW) {
      Guard notCondition = takeCondition(following);
      State stop = createStopState(notCondition, following.name);
      loopingState.addProceed(stop, notCondition);
    }
  }

  private State createTimesState(State sinkState, State proceedState, int from, int to) {
    State lastSink = sinkState;
    setFirstOfLoop(false);
    Guard until = current.until;
    Guard innerIgnore = extendWithUntil(innerIgnoreCondition(current), until, false);
    Guard take = extendWithUntil(takeCondition(current), until, true);
    if (current.has(QuantifierProperty.GREEDY) && from != to) {
      if (until != null) {
        originalStateMap.put(sinkState.name(), copy(sinkState));
      }
      sinkState.andAll(Guard.not(take));
    }
    for (int i = from; i < to; i++) {
      lastSink = createSingletonState(lastSink, proceedState, take, innerIgnore, true);
      addStopStateToLooping(lastSink);
    }
    for (int i = 0; i < from - 1; i++) {
      lastSink = createSingletonState(lastSink, null, take, innerIgnore, false);
      addStopStateToLooping(lastSink);
    }
    setFirstOfLoop(true);
    return createSingletonState(
        lastSink,
        proceedState,
        take,
        ignoreCondition(current),
        current.has(QuantifierProperty.OPTIONAL));
  }

  private void setFirstOfLoop(boolean value) {
    if (current.isGroup()) {
      firstOfLoop.put(current, value);
    }
  }

  private boolean currentGroupFirstOfLoop() {
    return currentGroup == null || firstOfLoop.getOrDefault(currentGroup, true);
  }

  private boolean headOfGroup(PatternStep step) {
    return currentGroup != null && step.previous == null;
  }

  private boolean isHeadOfOptionalGroup(PatternStep step) {
    return headOfGroup(step)
        && currentGroupFirstOfLoop()
        && currentGroup.has(QuantifierProperty.OPTIONAL);
  }

  private State createSingletonState(State sinkState) {
    return createSingletonState(
        sinkState,
        sinkState,
        takeCondition(current),
        ignoreCondition(current),
        current.has(QuantifierProperty.OPTIONAL));
  }

  private State createSingletonState(
      State sinkState, State proceedState, Guard take, Guard ignore, boolean optional) {
    if (current.isGroup()) {
      return createGroupPatternState(current, sinkState, proceedState, optional);
    }
    State singleton = createState(StateType.NORMAL, true);
    // if the event is accepted, earlier NOT patterns are no longer valid
    State sink = copyWithoutTransitiveNots(sinkState);
    singleton.addTake(sink, take);
    // if no element accepted the previous nots are still valid
    Guard proceed = trueCondition();
    if (optional) {
      if (current.has(QuantifierProperty.GREEDY)) {
        Guard until = current.until;
        if (until != null) {
          State original = originalStateMap.get(proceedState.name());
          if (original == null) {
            // Flink files the copy under the name of the copy copyWithoutTransitiveNots made,
            // looks it up under the original's, and adds a PROCEED edge to no state: its job
            // then fails with a NullPointerException when the until condition holds here
            throw errors.apply(current.path + ".quantifier", "an optional greedy loop with an"
                + " until condition cannot follow a notFollowedBy (Flink CEP builds a transition"
                + " to no state for it, and its job fails when the until condition holds); drop"
                + " optional, greedy or until here");
          }
          singleton.addProceed(original, Guard.and(proceed, until));
        }
        singleton.addProceed(
            proceedState, until != null ? Guard.and(proceed, Guard.not(until)) : proceed);
      } else {
        singleton.addProceed(proceedState, proceed);
      }
    }
    if (ignore != null) {
      State ignoreState;
      if (optional || isHeadOfOptionalGroup(current)) {
        ignoreState = createState(StateType.NORMAL, false);
        ignoreState.addTake(sink, take);
        ignoreState.addIgnore(ignore);
        addStopStates(ignoreState);
      } else {
        ignoreState = singleton;
      }
      singleton.addIgnore(ignoreState, ignore);
    }
    return singleton;
  }

  private State createGroupPatternState(
      PatternStep group, State sinkState, State proceedState, boolean optional) {
    Guard proceed = trueCondition();
    PatternStep oldCurrent = current;
    PatternStep oldFollowing = following;
    PatternStep oldGroup = currentGroup;
    currentGroup = group;
    current = group.group;
    State lastSink = createMiddleStates(sinkState);
    lastSink = convertPattern(lastSink);
    if (optional) {
      lastSink.addProceed(proceedState, proceed);
    }
    current = oldCurrent;
    following = oldFollowing;
    currentGroup = oldGroup;
    return lastSink;
  }

  private State createLoopingGroupPatternState(PatternStep group, State sinkState) {
    Guard proceed = trueCondition();
    PatternStep oldCurrent = current;
    PatternStep oldFollowing = following;
    PatternStep oldGroup = currentGroup;
    State dummy = createState(StateType.NORMAL, true);
    currentGroup = group;
    current = group.group;
    State lastSink = createMiddleStates(dummy);
    lastSink = convertPattern(lastSink);
    lastSink.addProceed(sinkState, proceed);
    dummy.addProceed(lastSink, proceed);
    current = oldCurrent;
    following = oldFollowing;
    currentGroup = oldGroup;
    return lastSink;
  }

  private State createLooping(State sinkState) {
    if (current.isGroup()) {
      return createLoopingGroupPatternState(current, sinkState);
    }
    Guard until = current.until;
    Guard ignore = extendWithUntil(innerIgnoreCondition(current), until, false);
    Guard take = extendWithUntil(takeCondition(current), until, true);
    Guard proceed = trueCondition();
    State looping = createState(StateType.NORMAL, true);
    if (current.has(QuantifierProperty.GREEDY)) {
      if (until != null) {
        State sinkCopy = copy(sinkState);
        looping.addProceed(sinkCopy, Guard.and(proceed, until));
        originalStateMap.put(sinkState.name(), sinkCopy);
      }
      looping.addProceed(sinkState, until != null ? Guard.and(proceed, Guard.not(until)) : proceed);
      sinkState.andAll(Guard.not(takeCondition(current)));
    } else {
      looping.addProceed(sinkState, proceed);
    }
    looping.addTake(take);
    addStopStateToLooping(looping);
    if (ignore != null) {
      State ignoreState = createState(StateType.NORMAL, false);
      ignoreState.addTake(looping, take);
      ignoreState.addIgnore(ignore);
      looping.addIgnore(ignoreState, ignore);
      addStopStateToLooping(ignoreState);
    }
    return looping;
  }

  private static Guard extendWithUntil(Guard condition, Guard until, boolean isTake) {
    if (until != null && condition != null) {
      return Guard.and(Guard.not(until), condition);
    } else if (until != null && isTake) {
      return Guard.not(until);
    }
    return condition;
  }

  private Guard innerIgnoreCondition(PatternStep step) {
    Consuming strategy = step.innerConsuming;
    if (headOfGroup(step)) {
      strategy = currentGroup.innerConsuming;
    }
    Guard ignore = ignoreFor(strategy, step);
    if (currentGroup != null && currentGroup.until != null) {
      ignore = extendWithUntil(ignore, currentGroup.until, false);
    }
    return ignore;
  }

  private Guard ignoreCondition(PatternStep step) {
    Consuming strategy = step.consuming;
    if (headOfGroup(step)) {
      strategy = currentGroupFirstOfLoop() ? currentGroup.consuming : currentGroup.innerConsuming;
    }
    Guard ignore = ignoreFor(strategy, step);
    if (currentGroup != null && currentGroup.until != null) {
      ignore = extendWithUntil(ignore, currentGroup.until, false);
    }
    return ignore;
  }

  private static Guard ignoreFor(Consuming strategy, PatternStep step) {
    switch (strategy) {
      case SKIP_TILL_NEXT:
        // a group has no condition of its own; Flink builds a NotCondition(null) it never uses
        return step.condition == null ? null : Guard.not(step.condition);
      case SKIP_TILL_ANY:
        return Guard.alwaysTrue();
      default:
        return null;
    }
  }

  private Guard takeCondition(PatternStep step) {
    Guard take = step.condition;
    if (currentGroup != null && currentGroup.until != null) {
      take = extendWithUntil(take, currentGroup.until, true);
    }
    return take;
  }

  private Guard trueCondition() {
    Guard condition = Guard.alwaysTrue();
    if (currentGroup != null && currentGroup.until != null) {
      condition = extendWithUntil(condition, currentGroup.until, true);
    }
    return condition;
  }
}
