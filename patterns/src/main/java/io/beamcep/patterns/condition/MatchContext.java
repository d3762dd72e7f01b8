package io.beamcep.patterns.condition;

import io.beamcep.patterns.event.Event;
import java.util.List;

/**
 * What an iterative condition may see of the partial match it is about to extend (Flink's
 * {@code IterativeCondition.Context}). Valid only during the {@link Condition#test} call it is
 * given to: the matcher reuses the object for the next partial match.
 */
public interface MatchContext {
  /** The events already taken by the node named {@code patternName}, oldest first. */
  List<Event> eventsForPattern(String patternName);

  /** The timestamp of the event under test. */
  long timestamp();
}
