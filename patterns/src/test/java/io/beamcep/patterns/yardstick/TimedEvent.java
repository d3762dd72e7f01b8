package io.beamcep.patterns.yardstick;

import io.beamcep.patterns.event.Event;
import java.util.Objects;

/** One input event with its event time, as both engines under test receive it. */
public record TimedEvent(Event event, long timestamp) {
  public TimedEvent {
    Objects.requireNonNull(event, "event");
  }
}
