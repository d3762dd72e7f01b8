package io.beamcep.pipeline.alert;

import java.io.Serializable;

/**
 * A plugin's own text for its function's alerts, e.g. the record a migrated PatternProcessFunction
 * wrote, so that what reads the alerts need not change: the stdout, jsonl, kafka and webhook sinks
 * write it instead of our JSON (the jdbc sink's row keeps our JSON in {@code events_json}, its
 * table's one schema). Runs on the workers, once per alert and sink. An alert it cannot render
 * (it throws, or returns null) goes out as our JSON, logged and counted ({@code render_errors}):
 * a rendering that fails for one alert must not stop the job's alerts.
 */
@FunctionalInterface
public interface AlertRenderer extends Serializable {
  /**
   * The alert as the sinks write it. The jsonl sink writes an alert whose rendering holds a line
   * break as our JSON instead, counted as an alert not rendered.
   */
  String render(Alert alert);

  /** What the webhook sink sends as the rendering's Content-Type. */
  default String contentType() {
    return "application/json";
  }
}
