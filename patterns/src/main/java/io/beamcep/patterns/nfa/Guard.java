package io.beamcep.patterns.nfa;

import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.condition.MatchContext;
import io.beamcep.patterns.event.Event;
import java.util.Objects;

/**
 * A transition condition with a human-readable description (for printing the automaton). Guards
 * compose like Flink's Rich{And,Not}Condition, so the automaton has exactly Flink's conditions.
 */
public final class Guard {
  private static final Guard TRUE = new Guard("true", (event, context) -> true, true);

  private final String description;
  private final Condition condition;
  private final boolean eventOnly;
  /** Where the matcher remembers this guard's result for the current event; -1: not memoized. */
  private int memoSlot = -1;

  private Guard(String description, Condition condition, boolean eventOnly) {
    this.description = description;
    this.condition = condition;
    this.eventOnly = eventOnly;
  }

  /** A guard testing {@code condition}; event-only when the condition does not read the context. */
  public static Guard of(String description, Condition condition) {
    Objects.requireNonNull(condition, "condition");
    return new Guard(description, condition, !condition.readsMatchContext());
  }

  public static Guard alwaysTrue() {
    return TRUE;
  }

  public static Guard not(Guard inner) {
    Condition test = inner.condition;
    return new Guard(
        "!(" + inner.description + ")",
        (event, context) -> !test.test(event, context),
        inner.eventOnly);
  }

  public static Guard and(Guard left, Guard right) {
    Condition a = left.condition;
    Condition b = right.condition;
    return new Guard(
        "(" + left.description + ") && (" + right.description + ")",
        (event, context) -> a.test(event, context) && b.test(event, context),
        left.eventOnly && right.eventOnly);
  }

  /** True when the result depends on the event alone (not on the partial match). */
  public boolean eventOnly() {
    return eventOnly;
  }

  /** The guard's slot in its automaton's per-event memo, or -1 (see {@link Nfa#memoSlots()}). */
  public int memoSlot() {
    return memoSlot;
  }

  void memoSlot(int slot) {
    this.memoSlot = slot;
  }

  public boolean test(Event event, MatchContext context) {
    return condition.test(event, context);
  }

  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
