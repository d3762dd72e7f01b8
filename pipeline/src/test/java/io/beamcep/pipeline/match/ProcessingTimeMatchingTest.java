package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.EVENTS;
import static io.beamcep.pipeline.match.MatchFixtures.aThenB;
import static io.beamcep.pipeline.match.MatchFixtures.counter;
import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.match;
import static io.beamcep.pipeline.match.MatchFixtures.rules;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.rules.RuleRow;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Processing-time matching: arrival order, windows closed by the processing-time clock. */
@ExtendWith(TestPipelineExtension.class)
class ProcessingTimeMatchingTest {
  private static final CepMatchConfig PROCESSING_TIME =
      CepMatchConfig.defaults().withTimeMode(TimeMode.PROCESSING_TIME);

  @Test
  void matchesInArrivalOrderAndTimesOutWhenTheClockPassesTheWindow(TestPipeline pipeline) {
    // Event timestamps are ignored: b (stamped earlier) arrives after a and still completes it.
    // v's a has no b: it times out 10 s of processing time after it arrived, not at a later event.
    TestStream<KV<String, Event>> events =
        TestStream.create(EVENTS)
            .addElements(event("u", "a1", "a"), event("v", "a2", "a"))
            .advanceProcessingTime(Duration.standardSeconds(2))
            .addElements(event("u", "b3", "b"))
            .advanceProcessingTime(Duration.standardSeconds(2))
            .advanceProcessingTime(Duration.standardSeconds(20))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB()),
        PROCESSING_TIME);
    PAssert.that(shape(result.alerts().apply("AlertShape", MapElements.into(
            TypeDescriptors.strings()).via(MatchFixtures::describe))))
        .containsInAnyOrder("ab/1 MATCH u [a:a1 b:b3]");
    PAssert.that(timeoutsWithGap(result))
        .containsInAnyOrder("ab/1 TIMEOUT v [a:a2] after 10s");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void keyStateIsCreatedAndClearedOnceEvenWhenADeadlineTimerOutlivesIt(TestPipeline pipeline) {
    // u: a, then b completes the match and empties u's state while the timer for a's window is
    // still set; it fires later and must not count u's state cleared a second time. v: a times
    // out. w: b starts nothing (created and cleared at the event).
    TestStream<KV<String, Event>> events =
        TestStream.create(EVENTS)
            .addElements(event("u", "a1", "a"), event("v", "a2", "a"))
            .advanceProcessingTime(Duration.standardSeconds(2))
            .addElements(event("u", "b3", "b"), event("w", "b4", "b"))
            .advanceProcessingTime(Duration.standardSeconds(30))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB()),
        PROCESSING_TIME);
    PAssert.that(shape(result.alerts().apply("AlertShape", MapElements.into(
            TypeDescriptors.strings()).via(MatchFixtures::describe))))
        .containsInAnyOrder("ab/1 MATCH u [a:a1 b:b3]");
    PAssert.that(result.timeouts().apply("TimeoutShape", MapElements.into(
            TypeDescriptors.strings()).via((Alert alert) ->
                MatchFixtures.describe(alert).replaceAll(" @-?\\d+$", ""))))
        .containsInAnyOrder("ab/1 TIMEOUT v [a:a2]");

    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    assertThat(counter(run, "key_state_created"), is(3L));
    assertThat(counter(run, "key_state_cleared"), is(3L));
  }

  @Test
  void aWindowStillClosesOnTimeWhenAnEarlierTickIsKeptPending(TestPipeline pipeline) {
    // u: c starts cd (60 s window), a starts ab (10 s): the tick is set for ab's deadline. b
    // completes ab, so u's next deadline moves later (cd's, at 60 s); the tick pending at 11 s is
    // kept, fires with nothing due and re-arms: cd must still time out exactly 60 s after c.
    TestStream<KV<String, Event>> events =
        TestStream.create(EVENTS)
            .addElements(event("u", "c1", "c"))
            .advanceProcessingTime(Duration.standardSeconds(1))
            .addElements(event("u", "a2", "a"))
            .advanceProcessingTime(Duration.standardSeconds(1))
            .addElements(event("u", "b3", "b"))
            .advanceProcessingTime(Duration.standardSeconds(20))
            .advanceProcessingTime(Duration.standardSeconds(30))
            .advanceProcessingTime(Duration.standardSeconds(30))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB(),
        MatchFixtures.twoSteps("cd", 1, "c", "SKIP_TILL_NEXT", "d", 60,
            AlertFunctions.JSON_WITH_TIMEOUTS)), PROCESSING_TIME);
    PAssert.that(shape(result.alerts().apply("AlertShape", MapElements.into(
            TypeDescriptors.strings()).via(MatchFixtures::describe))))
        .containsInAnyOrder("ab/1 MATCH u [a:a2 b:b3]");
    PAssert.that(timeoutsWithGap(result))
        .containsInAnyOrder("cd/1 TIMEOUT u [c:c1] after 60s");
    pipeline.run().waitUntilFinish();
  }

  /**
   * u: a1, a2 2 s later, a3 2 s after that, then 30 s of silence; a followedBy b within 10 s. With
   * timeouts wanted a tick fires at each closing window (3). Without, the tick set at a1's
   * deadline fires and re-arms for when all windows have closed, 10 s after a3 (2 ticks), and
   * clears the key.
   */
  @Test
  void withTimeoutsATickFiresAtEachClosingWindow(TestPipeline pipeline) {
    CepMatchResult told = threeAsThenSilence(pipeline, MatchFixtures.twoSteps(
        "told", 1, "a", "SKIP_TILL_NEXT", "b", 10, AlertFunctions.JSON_WITH_TIMEOUTS));
    PAssert.that(timeoutsWithGap(told)).containsInAnyOrder(
        "told/1 TIMEOUT u [a:a1] after 10s", "told/1 TIMEOUT u [a:a2] after 10s",
        "told/1 TIMEOUT u [a:a3] after 10s");
    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    assertThat(counter(run, "timers_fired"), is(3L));
    assertThat(counter(run, "key_state_cleared"), is(1L));
  }

  @Test
  void withoutTimeoutsWindowsClosingUnobservedShareATick(TestPipeline pipeline) {
    CepMatchResult quiet = threeAsThenSilence(pipeline, MatchFixtures.twoSteps(
        "quiet", 1, "a", "SKIP_TILL_NEXT", "b", 10, AlertFunctions.JSON));
    PAssert.that(quiet.timeouts()).empty();
    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    assertThat(counter(run, "timers_fired"), is(2L));
    assertThat(counter(run, "key_state_cleared"), is(1L));
  }

  private static CepMatchResult threeAsThenSilence(TestPipeline pipeline, RuleRow rule) {
    TestStream<KV<String, Event>> events =
        TestStream.create(EVENTS)
            .addElements(event("u", "a1", "a"))
            .advanceProcessingTime(Duration.standardSeconds(2))
            .addElements(event("u", "a2", "a"))
            .advanceProcessingTime(Duration.standardSeconds(2))
            .addElements(event("u", "a3", "a"))
            .advanceProcessingTime(Duration.standardSeconds(30))
            .advanceWatermarkToInfinity();
    return match(pipeline, events, rules(1, rule), PROCESSING_TIME);
  }

  /** Each timeout described with how long after its first event it was detected. */
  private static org.apache.beam.sdk.values.PCollection<String> timeoutsWithGap(
      CepMatchResult result) {
    return result.timeouts().apply("TimeoutGap", MapElements.into(TypeDescriptors.strings())
        .via((Alert alert) -> MatchFixtures.describe(alert).replaceAll(" @-?\\d+$", "")
            + " after " + (alert.detectedAt() - alert.firstEventTime()) / 1000 + "s"));
  }

  private static org.apache.beam.sdk.values.PCollection<String> shape(
      org.apache.beam.sdk.values.PCollection<String> described) {
    return described.apply("DropTime", MapElements.into(TypeDescriptors.strings())
        .via((String text) -> text.replaceAll(" @-?\\d+$", "")));
  }
}
