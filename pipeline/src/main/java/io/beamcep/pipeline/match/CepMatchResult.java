package io.beamcep.pipeline.match;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** The outputs of {@link CepMatch}: matches, timeouts and the events that arrived too late. */
public final class CepMatchResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<Alert> alerts;
  private final PCollection<Alert> timeouts;
  private final PCollection<KV<String, Event>> lateEvents;

  CepMatchResult(PCollectionTuple outputs) {
    this.pipeline = outputs.getPipeline();
    this.alerts = outputs.get(CepMatch.ALERTS);
    this.timeouts = outputs.get(CepMatch.TIMEOUTS);
    this.lateEvents = outputs.get(CepMatch.LATE_EVENTS);
  }

  /** Complete matches ({@link Alert.Kind#MATCH}). */
  public PCollection<Alert> alerts() {
    return alerts;
  }

  /** Partial matches whose window closed ({@link Alert.Kind#TIMEOUT}), per the timeout policy. */
  public PCollection<Alert> timeouts() {
    return timeouts;
  }

  /** Events at or before the time their key was already matched up to: not matched. */
  public PCollection<KV<String, Event>> lateEvents() {
    return lateEvents;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(CepMatch.ALERTS, alerts, CepMatch.TIMEOUTS, timeouts, CepMatch.LATE_EVENTS,
        lateEvents);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
