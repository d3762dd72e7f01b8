package io.beamcep.patterns.nfa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A state of the automaton, named like Flink's internal state names ({@code name}, {@code name:1},
 * ...). Built by the compiler, then only read.
 */
public final class State {
  private final String name;
  private final String patternName;
  private StateType type;
  private final List<Transition> transitions = new ArrayList<>();
  private final List<Transition> view = Collections.unmodifiableList(transitions);
  /** The transitions as an array once the automaton is complete ({@link #freeze}). */
  private Transition[] frozen;
  /** PREVIOUS_AND_CURRENT window in ms ending in this state, 0 for none; set by {@link Nfa}. */
  private long previousWindow;
  /** This state's position in its automaton's state list; set by {@link Nfa}. */
  private int index = -1;
  /** Whether deciding in this state may test a guard that reads the partial match. */
  private boolean readsMatch;
  /** This state's decisions for every answer of its event-only guards; null: walk instead. */
  private DecisionTree decisionTree;

  public State(String name, String patternName, StateType type) {
    this.name = name;
    this.patternName = patternName;
    this.type = type;
  }

  public String name() {
    return name;
  }

  /** The pattern (node) name this state belongs to; the internal name without {@code :n}. */
  public String patternName() {
    return patternName;
  }

  public StateType type() {
    return type;
  }

  public boolean isFinal() {
    return type == StateType.FINAL;
  }

  public boolean isStart() {
    return type == StateType.START;
  }

  public boolean isStop() {
    return type == StateType.STOP;
  }

  public boolean isPending() {
    return type == StateType.PENDING;
  }

  /**
   * The PREVIOUS_AND_CURRENT window (ms) a partial match waiting in this state must take its next
   * event within, 0 when none: {@link Nfa#windowTimes()} by state, kept here so the matcher needs
   * no lookup by name per partial match.
   */
  public long previousWindow() {
    return previousWindow;
  }

  void previousWindow(long millis) {
    this.previousWindow = millis;
  }

  /**
   * True when a guard tested for a partial match waiting here (on this state's edges, or past its
   * PROCEED edges) reads the match's events; set by {@link Nfa}. The matcher loads the newest
   * event of such partial matches ahead of their turn (see KeyState.touch).
   */
  public boolean readsMatch() {
    return readsMatch;
  }

  void readsMatch(boolean reads) {
    this.readsMatch = reads;
  }

  /**
   * The decisions of this state, or null when they must be walked (a guard reads the partial
   * match, or there are too many); set by {@link Nfa}.
   */
  public DecisionTree decisionTree() {
    return decisionTree;
  }

  void decisionTree(DecisionTree tree) {
    this.decisionTree = tree;
  }

  /** This state's position in {@link Nfa#states()}, so per-state data can sit in arrays. */
  public int index() {
    return index;
  }

  void index(int position) {
    this.index = position;
  }

  public List<Transition> transitions() {
    return view;
  }

  /**
   * The transitions as an array, to be read only: the matcher walks them for every partial match
   * and event, and an array needs no iterator.
   */
  public Transition[] transitionArray() {
    Transition[] array = frozen;
    return array != null ? array : transitions.toArray(new Transition[0]);
  }

  /** Called by {@link Nfa} once the compiler is done with this state. */
  void freeze() {
    frozen = transitions.toArray(new Transition[0]);
  }

  public void makeStart() {
    this.type = StateType.START;
  }

  public void addTransition(Action action, State target, Guard guard) {
    transitions.add(new Transition(action, this, target, guard));
  }

  public void addTake(State target, Guard guard) {
    addTransition(Action.TAKE, target, guard);
  }

  public void addTake(Guard guard) {
    addTransition(Action.TAKE, this, guard);
  }

  public void addIgnore(Guard guard) {
    addTransition(Action.IGNORE, this, guard);
  }

  public void addIgnore(State target, Guard guard) {
    addTransition(Action.IGNORE, target, guard);
  }

  public void addProceed(State target, Guard guard) {
    addTransition(Action.PROCEED, target, guard);
  }

  /** Rewrites every guard g of this state to {@code g && extra} (Flink's greedy rewrite). */
  public void andAll(Guard extra) {
    for (Transition transition : transitions) {
      Guard old = transition.guard();
      transition.guard(old == null ? extra : Guard.and(old, extra));
    }
  }

  @Override
  public String toString() {
    return name + "(" + type + ")";
  }
}
