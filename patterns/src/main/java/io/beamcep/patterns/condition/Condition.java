package io.beamcep.patterns.condition;

import io.beamcep.patterns.event.Event;

/**
 * Decides whether an event may be taken by a pattern node. Implementations must be thread-safe and
 * free of per-key state: one instance serves every key of a compiled rule.
 */
@FunctionalInterface
public interface Condition {
  boolean test(Event event, MatchContext context);
}
