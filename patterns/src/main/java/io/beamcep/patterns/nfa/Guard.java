package io.beamcep.patterns.nfa;

import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.condition.MatchContext;
import io.beamcep.patterns.condition.RequiredValue;
import io.beamcep.patterns.event.Event;
import java.util.Objects;

/**
 * A transition condition with a human-readable description (for printing the automaton). Guards
 * compose like Flink's Rich{And,Not}Condition, so the automaton has exactly Flink's conditions.
 *
 * <p>A composed guard keeps its parts ({@link #negated()}, {@link #left()} and {@link #right()}):
 * the compiler builds a step's skip guard as the negation of its take guard, and greedy or until
 * steps conjoin guards, so one condition of a rule sits inside many guards. The matcher tests such
 * a guard through its parts, and remembers each leaf condition's answer for the event once.
 */
public final class Guard {
  private static final Guard TRUE = new Guard("true", (event, context) -> true, true, null,
      null, null);

  private final String description;
  private final Condition condition;
  /** What {@link #condition} tests beneath its error counting (see {@link #sharedCondition}). */
  private final Condition uncounted;
  private final boolean eventOnly;
  private final Guard negated;
  private final Guard left;
  private final Guard right;
  /** Where the matcher remembers this leaf's result for the current event; -1: not memoized. */
  private int memoSlot = -1;

  private Guard(String description, Condition condition, boolean eventOnly, Guard negated,
      Guard left, Guard right) {
    this.description = description;
    this.condition = condition;
    this.uncounted = ConditionRegistry.uncounted(condition);
    this.eventOnly = eventOnly;
    this.negated = negated;
    this.left = left;
    this.right = right;
  }

  /** A guard testing {@code condition}; event-only when the condition does not read the context. */
  public static Guard of(String description, Condition condition) {
    Objects.requireNonNull(condition, "condition");
    return new Guard(description, condition, !condition.readsMatchContext(), null, null, null);
  }

  public static Guard alwaysTrue() {
    return TRUE;
  }

  public static Guard not(Guard inner) {
    Condition test = inner.condition;
    return new Guard(
        "!(" + inner.description + ")",
        (event, context) -> !test.test(event, context),
        inner.eventOnly, inner, null, null);
  }

  public static Guard and(Guard left, Guard right) {
    Condition a = left.condition;
    Condition b = right.condition;
    return new Guard(
        "(" + left.description + ") && (" + right.description + ")",
        (event, context) -> a.test(event, context) && b.test(event, context),
        left.eventOnly && right.eventOnly, null, left, right);
  }

  /** True when the result depends on the event alone (not on the partial match). */
  public boolean eventOnly() {
    return eventOnly;
  }

  /** The guard this one negates, or null when it is not a negation. */
  public Guard negated() {
    return negated;
  }

  /** The first part of a conjunction, or null when this is not one. */
  public Guard left() {
    return left;
  }

  /** The second part of a conjunction, or null when this is not one. */
  public Guard right() {
    return right;
  }

  /**
   * The leaf's slot in its automaton's per-event memo, or -1 (see {@link Nfa#memoSlots()}): leaves
   * whose conditions are equal share one, since they decide alike.
   */
  public int memoSlot() {
    return memoSlot;
  }

  void memoSlot(int slot) {
    this.memoSlot = slot;
  }

  /** The leaf's condition (or the composed one); what {@link #test} tests. */
  Condition condition() {
    return condition;
  }

  public boolean test(Event event, MatchContext context) {
    return condition.test(event, context);
  }

  /**
   * What this leaf tests beneath its rule's error counting: the same object for the leaves of
   * every rule compiled from one registered condition (a built-in one: with equal arguments) or
   * one expression text, so an event-only one may be tested once per event for all of them
   * ({@link #testUncounted}, {@link #countError}).
   */
  public Condition sharedCondition() {
    return uncounted;
  }

  /**
   * What this leaf's condition requires of an event ({@link Condition#requiredValue}); null for a
   * composed guard, or when the condition requires nothing known.
   */
  public RequiredValue requiredValue() {
    return negated == null && left == null ? uncounted.requiredValue() : null;
  }

  /**
   * {@link #test}, except that an exception is thrown rather than counted: the caller counts it
   * on this leaf's rule ({@link #countError}) and takes it as false.
   */
  public boolean testUncounted(Event event, MatchContext context) {
    return uncounted.test(event, context);
  }

  /**
   * Counts one error on this leaf's rule, as {@link #test} does when its condition throws: {@code
   * thrown} is what it threw.
   */
  public void countError(RuntimeException thrown) {
    ConditionRegistry.countError(condition, thrown);
  }

  /** What this guard answers when each of its leaves answers as {@code leaves} says. */
  public boolean test(Moves.GuardTest leaves) {
    if (negated != null) {
      return !negated.test(leaves);
    }
    if (left != null) {
      return left.test(leaves) && right.test(leaves);
    }
    return leaves.test(this);
  }

  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
