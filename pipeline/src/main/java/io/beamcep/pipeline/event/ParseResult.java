package io.beamcep.pipeline.event;

import io.beamcep.patterns.event.Event;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The two outputs of {@link ParseEvents}: keyed events (element timestamp = event time, or the
 * input timestamp in processing-time mode) and the records that were rejected.
 */
public final class ParseResult implements POutput {
  static final TupleTag<KV<String, Event>> EVENTS = new TupleTag<KV<String, Event>>("events") {};
  static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<DeadLetter>("deadLetters") {};

  private final Pipeline pipeline;
  private final PCollection<KV<String, Event>> events;
  private final PCollection<DeadLetter> deadLetters;

  ParseResult(PCollectionTuple outputs) {
    this.pipeline = outputs.getPipeline();
    this.events = outputs.get(EVENTS);
    this.deadLetters = outputs.get(DEAD_LETTERS);
  }

  public PCollection<KV<String, Event>> events() {
    return events;
  }

  public PCollection<DeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(EVENTS, events, DEAD_LETTERS, deadLetters);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, org.apache.beam.sdk.values.PInput input,
      PTransform<?, ?> transform) {}
}
