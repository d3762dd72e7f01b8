package io.beamcep.pipeline.sink;

/** The Beam metrics namespace of the alert sinks' own counters (their retries). */
final class SinkMetrics {
  private SinkMetrics() {}

  static final String NAMESPACE = "beamcep.sink";
}
