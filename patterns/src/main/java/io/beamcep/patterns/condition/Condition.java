package io.beamcep.patterns.condition;

import io.beamcep.patterns.event.Event;
import java.util.Objects;

/**
 * Decides whether an event may be taken by a pattern node. Implementations must be thread-safe and
 * free of per-key state: one instance serves every key of a compiled rule.
 */
@FunctionalInterface
public interface Condition {
  boolean test(Event event, MatchContext context);

  /**
   * False when the result depends on the event alone, never on the partial match: the matcher
   * then tests it once per event instead of once per partial match, and once for all the rules
   * compiled from it when it is one object: a registered condition with no arguments, a built-in
   * one with equal arguments, an AVIATOR expression of one text, or a RichAnd / RichOr / RichNot
   * of the very same such parts. The default, true, is always safe.
   */
  default boolean readsMatchContext() {
    return true;
  }

  /**
   * A field value without which this condition answers false and does not throw, or null when
   * none is known. The default, null, is always safe. See {@link RequiredValue}.
   */
  default RequiredValue requiredValue() {
    return null;
  }

  /**
   * {@code condition}, declared to depend on the event alone and to answer false, without
   * throwing, whenever the event does not meet {@code required} (see {@link #requiredValue});
   * only declared event-only when {@code required} is null.
   */
  static Condition requiring(RequiredValue required, Condition condition) {
    return required == null ? eventOnly(condition) : new Requiring(required, condition);
  }

  /** An event-only condition with the value it requires (see {@link #requiring}). */
  record Requiring(RequiredValue required, Condition condition) implements Condition {
    public Requiring {
      Objects.requireNonNull(required, "required");
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public boolean test(Event event, MatchContext context) {
      return condition.test(event, context);
    }

    @Override
    public boolean readsMatchContext() {
      return false;
    }

    @Override
    public RequiredValue requiredValue() {
      return required;
    }
  }

  /** {@code condition}, declared to depend on the event alone (see {@link #readsMatchContext}). */
  static Condition eventOnly(Condition condition) {
    return condition instanceof EventOnly ? condition : new EventOnly(condition);
  }

  /** A condition that never looks at the match context. */
  record EventOnly(Condition condition) implements Condition {
    @Override
    public boolean test(Event event, MatchContext context) {
      return condition.test(event, context);
    }

    @Override
    public boolean readsMatchContext() {
      return false;
    }

    @Override
    public RequiredValue requiredValue() {
      return condition.requiredValue();
    }
  }
}
