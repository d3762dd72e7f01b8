package io.beamcep.pipeline.match;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.event.EventJson;
import io.beamcep.pipeline.event.DeadLetter;
import io.beamcep.pipeline.event.DeadLetterCoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * The late events of a matcher ({@link CepMatchResult#lateEvents}) as dead letters, so that they
 * reach the dead-letter sink with the records that could not be read instead of only the logs:
 * the event as JSON (its fields in arrival order, each value as read), the reason naming its key
 * and time, no source (an event does not keep where it was read).
 */
public final class LateEventsAsDeadLetters
    extends PTransform<PCollection<KV<String, Event>>, PCollection<DeadLetter>> {
  private LateEventsAsDeadLetters() {}

  public static LateEventsAsDeadLetters create() {
    return new LateEventsAsDeadLetters();
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<KV<String, Event>> lateEvents) {
    return lateEvents
        .apply("AsDeadLetters", ParDo.of(new ToDeadLetterFn()))
        .setCoder(DeadLetterCoder.of());
  }

  private static final class ToDeadLetterFn extends DoFn<KV<String, Event>, DeadLetter> {
    private static final JsonFactory JSON = new ObjectMapper().getFactory();

    @ProcessElement
    public void process(@Element KV<String, Event> late, @Timestamp Instant time,
        OutputReceiver<DeadLetter> out) {
      out.output(new DeadLetter(json(late.getValue()),
          "late event of key '" + late.getKey() + "' at " + time
              + ": not after the time its key was already matched up to, so not matched",
          ""));
    }

    private static byte[] json(Event event) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JsonGenerator json = JSON.createGenerator(bytes)) {
        EventJson.write(json, event);
      } catch (IOException e) {
        throw new UncheckedIOException("an event always writes as JSON", e);
      }
      return bytes.toByteArray();
    }
  }
}
