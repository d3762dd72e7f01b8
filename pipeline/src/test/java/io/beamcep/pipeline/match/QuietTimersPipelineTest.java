package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.EVENTS;
import static io.beamcep.pipeline.match.MatchFixtures.at;
import static io.beamcep.pipeline.match.MatchFixtures.counter;
import static io.beamcep.pipeline.match.MatchFixtures.described;
import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.rules;
import static io.beamcep.pipeline.match.MatchFixtures.twoSteps;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.rules.RuleRow;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event-time matcher fires a key's timer where a closing window returns something, and once
 * to clear the key; not at every window that closes unobserved (Matcher.nextTimer).
 *
 * <p>Pattern: a followedBy b within 10 s. Events for key u: a1@1 s, a2@3 s, then no b; the
 * watermark passes 12 s (a1's window closed at 11 s), then 14 s (a2's at 13 s), then the end.
 */
@ExtendWith(TestPipelineExtension.class)
class QuietTimersPipelineTest {

  private static TestStream<KV<String, Event>> twoAsThenSilence() {
    return TestStream.create(EVENTS)
        .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)),
            TimestampedValue.of(event("u", "a2", "a"), at(3)))
        .advanceWatermarkTo(at(12))
        .advanceWatermarkTo(at(14))
        .advanceWatermarkToInfinity();
  }

  private static CepMatchResult match(TestPipeline pipeline, RuleRow rule) {
    return MatchFixtures.match(pipeline, twoAsThenSilence(), rules(1, rule),
        CepMatchConfig.defaults());
  }

  /** Timers: the drains of a1 and a2, then the timeouts at 11 s and 13 s. */
  @Test
  void timeoutsWantedFireATimerAtEachClosingWindow(TestPipeline pipeline) {
    CepMatchResult result = match(pipeline,
        twoSteps("told", 1, "a", "SKIP_TILL_NEXT", "b", 10, AlertFunctions.JSON_WITH_TIMEOUTS));
    PAssert.that(described(result.timeouts()))
        .containsInAnyOrder("told/1 TIMEOUT u [a:a1] @11", "told/1 TIMEOUT u [a:a2] @13");

    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    assertThat(counter(run, "timers_fired"), is(4L));
    assertThat(counter(run, "key_state_cleared"), is(1L));
  }

  /** Timers: the drains of a1 and a2, then one at 13 s, when both windows have closed. */
  @Test
  void windowsClosingUnobservedShareOneTimerThatClearsTheKey(TestPipeline pipeline) {
    CepMatchResult result = match(pipeline,
        twoSteps("quiet", 1, "a", "SKIP_TILL_NEXT", "b", 10, AlertFunctions.JSON));
    PAssert.that(result.alerts()).empty();
    PAssert.that(result.timeouts()).empty();

    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    assertThat(counter(run, "timers_fired"), is(3L));
    assertThat(counter(run, "key_state_cleared"), is(1L));
  }
}
