package io.beamcep.patterns.condition;

import io.beamcep.patterns.event.Event;

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
  }
}
