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
   * throwing, whenever the event does not meet {@code required} (see {@link #requiredValue}); a
   * null {@code required} declares only the first.
   */
  static Condition requiring(RequiredValue required, Condition condition) {
    if (required == null) {
      return eventOnly(condition);
    }
    Condition inner = condition instanceof EventOnly declared && declared.required() == null
        ? declared.condition()
        : condition;
    return new EventOnly(inner, required);
  }

  /** {@code condition}, declared to depend on the event alone (see {@link #readsMatchContext}). */
  static Condition eventOnly(Condition condition) {
    return condition instanceof EventOnly ? condition : new EventOnly(condition, null);
  }

  /**
   * A condition that never looks at the match context, and the value it requires when it
   * declares one ({@link #requiring}); null when it declares none.
   */
  record EventOnly(Condition condition, RequiredValue required) implements Condition {
    public EventOnly {
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
      return required != null ? required : condition.requiredValue();
    }
  }
}
