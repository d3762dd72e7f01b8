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

  /**
   * The first (oldest) event taken by the node named {@code patternName}, null when it took none:
   * the first of {@link #eventsForPattern}, which an implementation may find without the list.
   */
  default Event firstEventForPattern(String patternName) {
    List<Event> events = eventsForPattern(patternName);
    return events.isEmpty() ? null : events.get(0);
  }

  /** The timestamp of the event under test. */
  long timestamp();
}
