package io.beamcep.pipeline.match;

import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The metrics both matcher DoFns report. keys_with_state = key_state_created - key_state_cleared:
 * how many keys hold any state.
 */
final class MatcherMetrics implements Serializable {
  final Counter eventsIn = Metrics.counter(CepMatch.METRICS_NAMESPACE, "events_in");
  final Counter stateCreated = Metrics.counter(CepMatch.METRICS_NAMESPACE, "key_state_created");
  final Counter stateCleared = Metrics.counter(CepMatch.METRICS_NAMESPACE, "key_state_cleared");
  /** Timers of a key that fired (event-time drains, processing-time ticks): each reads its state. */
  final Counter timersFired = Metrics.counter(CepMatch.METRICS_NAMESPACE, "timers_fired");
  final Distribution partialMatches =
      Metrics.distribution(CepMatch.METRICS_NAMESPACE, "partial_matches_per_key");
}
