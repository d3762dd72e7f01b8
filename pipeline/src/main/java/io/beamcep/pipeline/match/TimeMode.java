package io.beamcep.pipeline.match;

/** Which clock drives matching: the events' own time or their arrival time. */
public enum TimeMode {
  /** Events are sorted by timestamp and matched when the watermark passes them (Flink CEP). */
  EVENT_TIME,
  /** Events are matched in arrival order, timestamped with the processing time of arrival. */
  PROCESSING_TIME
}
