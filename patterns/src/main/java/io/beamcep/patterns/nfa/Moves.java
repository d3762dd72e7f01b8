package io.beamcep.patterns.nfa;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * What one automaton state does with one event before any partial match changes (the first half of
 * Flink's computeNextStates): the TAKE and IGNORE edges that fire, in Flink's order, and per TAKE
 * edge the final state its target proceeds to, null for none (always null for an IGNORE edge).
 *
 * <p>{@link #walk} fills it by testing guards; a {@link DecisionTree} holds the outcomes of that
 * walk, frozen, for every answer its event-only guards can give.
 */
public class Moves {
  private Transition[] edges;
  private State[] finals;
  private int size;
  /** Set on the shared copies a decision tree holds, which must never be walked again. */
  private final boolean frozen;

  public Moves() {
    this(new Transition[4], new State[4], 0, false);
  }

  private Moves(Transition[] edges, State[] finals, int size, boolean frozen) {
    this.edges = edges;
    this.finals = finals;
    this.size = size;
    this.frozen = frozen;
  }

  /** The guard outcomes a walk asks for; a null guard is true and is not asked. */
  @FunctionalInterface
  public interface GuardTest {
    boolean test(Guard guard);
  }

  public final int size() {
    return size;
  }

  public final Transition edge(int index) {
    return edges[index];
  }

  /** The final state the target of TAKE edge {@code index} proceeds to, or null. */
  public final State finalState(int index) {
    return finals[index];
  }

  /**
   * Flink's walk of {@code state}'s decision graph: follows PROCEED edges, collects the TAKE and
   * IGNORE edges that fire, then for each TAKE edge the final state it proceeds to, testing the
   * guards in the order Flink's computeNextStates tests them. Replaces what this held.
   *
   * @param stack scratch space, cleared before use
   */
  public final void walk(State state, GuardTest test, ArrayDeque<State> stack) {
    if (frozen) {
      throw new IllegalStateException("the moves of a decision tree are shared: walk a new Moves");
    }
    size = 0;
    stack.clear();
    State current = state;
    while (current != null) {
      for (Transition transition : current.transitionArray()) {
        Guard guard = transition.guard();
        if (guard == null || test.test(guard)) {
          if (transition.action() == Action.PROCEED) {
            stack.push(transition.target());
          } else {
            add(transition);
          }
        }
      }
      current = stack.isEmpty() ? null : stack.pop();
    }
    for (int i = 0; i < size; i++) {
      Transition edge = edges[i];
      finals[i] = edge.action() == Action.IGNORE
          ? null
          : finalStateAfterProceed(edge.target(), test, stack);
    }
  }

  private void add(Transition edge) {
    if (size == edges.length) {
      edges = Arrays.copyOf(edges, size * 2);
      finals = Arrays.copyOf(finals, size * 2);
    }
    edges[size++] = edge;
  }

  private static State finalStateAfterProceed(
      State state, GuardTest test, ArrayDeque<State> stack) {
    stack.clear();
    State current = state;
    while (current != null) {
      for (Transition transition : current.transitionArray()) {
        if (transition.action() == Action.PROCEED) {
          Guard guard = transition.guard();
          if (guard == null || test.test(guard)) {
            if (transition.target().isFinal()) {
              return transition.target();
            }
            stack.push(transition.target());
          }
        }
      }
      current = stack.isEmpty() ? null : stack.pop();
    }
    return null;
  }

  /** A copy that holds what this holds now, to be shared and never walked again. */
  final Moves frozenCopy() {
    return new Moves(Arrays.copyOf(edges, size), Arrays.copyOf(finals, size), size, true);
  }
}
