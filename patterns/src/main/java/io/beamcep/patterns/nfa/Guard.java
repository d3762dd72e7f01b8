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
  private static final Guard TRUE = new Guard("true", (event, context) -> true);

  private final String description;
  private final Condition condition;

  private Guard(String description, Condition condition) {
    this.description = description;
    this.condition = condition;
  }

  public static Guard of(String description, Condition condition) {
    return new Guard(description, Objects.requireNonNull(condition, "condition"));
  }

  public static Guard alwaysTrue() {
    return TRUE;
  }

  public static Guard not(Guard inner) {
    Condition test = inner.condition;
    return new Guard("!(" + inner.description + ")", (event, context) -> !test.test(event, context));
  }

  public static Guard and(Guard left, Guard right) {
    Condition a = left.condition;
    Condition b = right.condition;
    return new Guard(
        "(" + left.description + ") && (" + right.description + ")",
        (event, context) -> a.test(event, context) && b.test(event, context));
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
