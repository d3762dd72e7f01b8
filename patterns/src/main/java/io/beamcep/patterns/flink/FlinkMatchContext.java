package io.beamcep.patterns.flink;

import io.beamcep.patterns.condition.MatchContext;
import io.beamcep.patterns.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/** Flink's condition context seen as ours, so our conditions can judge events inside Flink CEP. */
public record FlinkMatchContext(IterativeCondition.Context<Event> flink) implements MatchContext {

  @Override
  public List<Event> eventsForPattern(String patternName) {
    List<Event> events = new ArrayList<>();
    try {
      flink.getEventsForPattern(patternName).forEach(events::add);
    } catch (Exception e) {
      throw new IllegalStateException("Flink could not list events of " + patternName, e);
    }
    return events;
  }

  @Override
  public long timestamp() {
    return flink.timestamp();
  }
}
