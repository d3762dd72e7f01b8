package io.beamcep.pipeline.event;

import io.beamcep.patterns.event.Event;
import java.util.Objects;

/**
 * An event with its partition key and timestamp.
 *
 * @param timestampMillis event time in epoch milliseconds, or {@link #NO_TIMESTAMP} when the
 *     configuration uses processing time
 */
public record ParsedEvent(String key, Event event, long timestampMillis) {
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  public ParsedEvent {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(event, "event");
  }
}
