package io.beamcep.patterns.synthetic;

import io.beamcep.patterns.event.Event;
import java.util.Objects;

/**
 * A generated event with its event time in epoch milliseconds (the same instant its
 * {@code eventTime} field spells out), so hosts need not parse the text back.
 */
public record TimedEvent(Event event, long timestamp) {
  public TimedEvent {
    Objects.requireNonNull(event, "event");
  }
}
