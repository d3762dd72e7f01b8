package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.EVENTS;
import static io.beamcep.pipeline.match.MatchFixtures.aThenB;
import static io.beamcep.pipeline.match.MatchFixtures.at;
import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.match;
import static io.beamcep.pipeline.match.MatchFixtures.rules;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.event.DeadLetter;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Late events reach the dead letters as JSON, with a reason naming their key and time. */
@ExtendWith(TestPipelineExtension.class)
class LateEventsAsDeadLettersTest {

  @Test
  void anEventBehindItsKeysDrainedTimeIsADeadLetter(TestPipeline pipeline) {
    // Rule: a then b / a@1, watermark 5 (u drained to 5), then b@0: late / dead letter: b0.
    TestStream<KV<String, Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)))
            .advanceWatermarkTo(at(5))
            .addElements(TimestampedValue.of(event("u", "b0", "b"), at(0)))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB()), CepMatchConfig.defaults());
    PAssert.that(result.lateEvents()
            .apply(LateEventsAsDeadLetters.create())
            .apply(MapElements.into(TypeDescriptors.strings())
                .via((DeadLetter letter) -> letter.rawText() + " / " + letter.reason()
                    + " / source '" + letter.source() + "'"))
            .setCoder(StringUtf8Coder.of()))
        .containsInAnyOrder("{\"id\":\"b0\",\"eventType\":\"b\",\"userId\":\"u\"} / late event of"
            + " key 'u' at 1970-01-01T00:00:00.000Z: not after the time its key was already"
            + " matched up to, so not matched / source ''");
    pipeline.run().waitUntilFinish();
  }
}
