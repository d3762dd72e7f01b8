package io.beamcep.pipeline.alert;

import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.event.Event;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert, the single schema every sink writes: a complete match, or a partial match whose window
 * closed (a timeout). Events are exactly as they came in (field order kept, including {@code id}).
 *
 * @param ruleId the rule's id
 * @param ruleVersion the rule version that matched
 * @param function the rule row's function name (never null: blank means the default function)
 * @param key the partition key the events share (see {@code event.KeyFields})
 * @param kind MATCH or TIMEOUT
 * @param detectedAt engine time (event time or processing time) at which the alert was produced
 * @param firstEventTime timestamp of the earliest event in the alert
 * @param lastEventTime timestamp of the latest event in the alert
 * @param events matched events by pattern name, in pattern order, each list oldest first
 */
public record Alert(
    String ruleId,
    int ruleVersion,
    String function,
    String key,
    Kind kind,
    long detectedAt,
    long firstEventTime,
    long lastEventTime,
    Map<String, List<Event>> events)
    implements Serializable {

  public enum Kind {
    MATCH,
    TIMEOUT
  }

  public Alert {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(events, "events");
    function = function == null || function.isBlank()
        ? AlertFunctions.defaultFunction().name()
        : function.strip();
    Map<String, List<Event>> copy = new LinkedHashMap<>();
    events.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    events = Collections.unmodifiableMap(copy);
  }

  /** The alert for one engine match of the rule row naming {@code function}. */
  public static Alert of(Match match, String function, String key) {
    return new Alert(
        match.rule().id(),
        match.rule().version(),
        function,
        key,
        match.kind() == Match.Kind.MATCH ? Kind.MATCH : Kind.TIMEOUT,
        match.detectedAt(),
        match.firstEventTime(),
        match.lastEventTime(),
        match.events());
  }

  /** Renders this alert as its rule's function says, for a console (the stdout sink). */
  public String render() {
    return AlertFunctions.require(function).render(this);
  }

  /**
   * This alert as a record (the kafka and webhook sinks; the jsonl sink writes {@link #line}): its
   * function's plugin's rendering, else our JSON ({@link AlertFunction#payload}).
   */
  public String payload() {
    return AlertFunctions.require(function).payload(this);
  }

  /** {@link #payload} as one line, as the jsonl sink writes it ({@link AlertFunction#line}). */
  public String line() {
    return AlertFunctions.require(function).line(this);
  }
}
