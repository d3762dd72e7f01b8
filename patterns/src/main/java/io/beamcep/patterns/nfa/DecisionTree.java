package io.beamcep.patterns.nfa;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Moves} of one state for every answer of the leaf conditions its walk tests, when all
 * of them depend on the event alone: a binary tree whose inner nodes test one leaf each (a
 * negation or conjunction is tested through its parts), in the order the walk tests them, and
 * whose leaves are the walk's result for those answers. Deciding is then a few lookups of answers
 * the matcher already memoizes per event, where the walk iterates the state's edges, follows
 * PROCEED edges on a stack and walks again from every TAKE target: a looping step of n events
 * unrolls into n states, and a key's partial matches of that step sit one per state, so each of
 * them used to walk on every event.
 *
 * <p>Following the tree tests exactly the guards the walk would test, in its order, and no other:
 * each node is the walk's next test given the answers above it. Built once, with the automaton;
 * immutable.
 */
public final class DecisionTree {
  /** A state whose walk can end in more leaves than this decides by walking. */
  static final int MAX_LEAVES = 64;

  private final Guard[] guards;
  /** Per inner node, its leaf's memo slot, so the matcher finds a known answer without the leaf. */
  private final int[] slots;
  /** Per inner node, the node for a true / false answer: an index, or ~leaf for a leaf. */
  private final int[] whenTrue;
  private final int[] whenFalse;
  private final Moves[] leaves;
  private final int root;

  private DecisionTree(List<Guard> guards, List<int[]> children, List<Moves> leaves, int root) {
    this.guards = guards.toArray(new Guard[0]);
    this.slots = new int[this.guards.length];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = this.guards[i].memoSlot();
    }
    this.whenTrue = new int[children.size()];
    this.whenFalse = new int[children.size()];
    for (int i = 0; i < children.size(); i++) {
      whenTrue[i] = children.get(i)[0];
      whenFalse[i] = children.get(i)[1];
    }
    this.leaves = leaves.toArray(new Moves[0]);
    this.root = root;
  }

  /**
   * The tree of {@code state}, or null when a leaf its walk may test reads the partial match (or
   * has no memo slot, so is not known to be tested once per event), or when it has more than
   * {@link #MAX_LEAVES} leaves.
   */
  static DecisionTree of(State state) {
    Builder builder = new Builder(state);
    try {
      int root = builder.build();
      return new DecisionTree(builder.guards, builder.children, builder.leaves, root);
    } catch (NotEligible e) {
      return null;
    }
  }

  /** The moves for the answers {@code test} gives, asking only what the walk would ask. */
  public Moves decide(Moves.GuardTest test) {
    int node = root;
    while (node >= 0) {
      node = test.test(guards[node]) ? whenTrue[node] : whenFalse[node];
    }
    return leaves[~node];
  }

  /** Where to start: an inner node's index, or ~leaf when no guard needs testing. */
  public int root() {
    return root;
  }

  /** The leaf guard inner node {@code node} tests. */
  public Guard guard(int node) {
    return guards[node];
  }

  /** The memo slot of the leaf inner node {@code node} tests. */
  public int slot(int node) {
    return slots[node];
  }

  /** The node after {@code node}'s guard answered {@code answer}: an index, or ~leaf. */
  public int next(int node, boolean answer) {
    return answer ? whenTrue[node] : whenFalse[node];
  }

  /** The moves of leaf {@code leaf} (given as ~leaf by {@link #root} and {@link #next}). */
  public Moves leaf(int leaf) {
    return leaves[leaf];
  }

  /** Why a state gets no tree; thrown only inside the builder. */
  private static final class NotEligible extends RuntimeException {
    NotEligible() {
      super(null, null, false, false);
    }
  }

  /** Asked for a guard with no answer yet: the builder branches on it. */
  private static final class Unanswered extends RuntimeException {
    final transient Guard guard;

    Unanswered(Guard guard) {
      super(null, null, false, false);
      this.guard = guard;
    }
  }

  /**
   * Walks the state once per combination of answers reached: a walk that asks a guard not yet
   * answered stops there, and the builder makes a node for it with a subtree for each answer.
   */
  private static final class Builder {
    final State state;
    final List<Guard> guards = new ArrayList<>();
    final List<int[]> children = new ArrayList<>();
    final List<Moves> leaves = new ArrayList<>();
    /** By memo slot: leaves with one slot have equal conditions. */
    final Map<Integer, Boolean> answers = new HashMap<>();
    final Moves moves = new Moves();
    final ArrayDeque<State> stack = new ArrayDeque<>();

    Builder(State state) {
      this.state = state;
    }

    int build() {
      try {
        moves.walk(state, guard -> guard.test(this::answer), stack);
      } catch (Unanswered unanswered) {
        Guard guard = unanswered.guard;
        int node = guards.size();
        guards.add(guard);
        int[] next = new int[2];
        children.add(next);
        answers.put(guard.memoSlot(), Boolean.TRUE);
        next[0] = build();
        answers.put(guard.memoSlot(), Boolean.FALSE);
        next[1] = build();
        answers.remove(guard.memoSlot());
        return node;
      }
      if (leaves.size() == MAX_LEAVES) {
        throw new NotEligible();
      }
      leaves.add(moves.frozenCopy());
      return ~(leaves.size() - 1);
    }

    /** The answer of a leaf. */
    private boolean answer(Guard guard) {
      if (guard == Guard.alwaysTrue()) {
        return true;
      }
      if (!guard.eventOnly() || guard.memoSlot() < 0) {
        throw new NotEligible();
      }
      Boolean known = answers.get(guard.memoSlot());
      if (known == null) {
        throw new Unanswered(guard);
      }
      return known;
    }
  }
}
