package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.RuleKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete match, or a partial match whose window closed (a timeout).
 *
 * @param rule the rule version that produced it
 * @param kind MATCH or TIMEOUT
 * @param events the matched events by pattern name, in pattern order, each list oldest first
 * @param timestamps the timestamps of {@code events}, parallel to them
 * @param detectedAt the engine time at which it was produced (event or watermark time)
 */
public record Match(
    RuleKey rule,
    Kind kind,
    Map<String, List<Event>> events,
    Map<String, List<Long>> timestamps,
    long detectedAt) {

  public enum Kind {
    MATCH,
    TIMEOUT
  }

  public Match {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(timestamps, "timestamps");
  }

  public long firstEventTime() {
    return timestamps.values().stream()
        .flatMap(List::stream)
        .mapToLong(Long::longValue)
        .min()
        .orElse(detectedAt);
  }

  public long lastEventTime() {
    return timestamps.values().stream()
        .flatMap(List::stream)
        .mapToLong(Long::longValue)
        .max()
        .orElse(detectedAt);
  }
}
