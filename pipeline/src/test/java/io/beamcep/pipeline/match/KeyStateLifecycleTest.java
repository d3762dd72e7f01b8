package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.EVENTS;
import static io.beamcep.pipeline.match.MatchFixtures.aThenB;
import static io.beamcep.pipeline.match.MatchFixtures.at;
import static io.beamcep.pipeline.match.MatchFixtures.counter;
import static io.beamcep.pipeline.match.MatchFixtures.described;
import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.rules;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.rules.RuleSet;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-key state is dropped once nothing is pending; events wait for the first rules. */
@ExtendWith(TestPipelineExtension.class)
class KeyStateLifecycleTest {

  @Test
  void everyKeysStateIsClearedOnceItsWindowsExpired(TestPipeline pipeline) {
    // u: a@1 b@3 (match, then nothing pending); v: a@2 (times out at 12); w: b@4 (matches
    // nothing, never starts a partial match). At the end, no key holds state.
    TestStream<KV<String, Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)),
                TimestampedValue.of(event("v", "a2", "a"), at(2)),
                TimestampedValue.of(event("u", "b3", "b"), at(3)),
                TimestampedValue.of(event("w", "b4", "b"), at(4)))
            .advanceWatermarkTo(at(60))
            .advanceWatermarkToInfinity();
    PCollectionView<RuleSet> view = pipeline
        .apply("Rules", org.apache.beam.sdk.transforms.Create.of(rules(1, aThenB())))
        .apply(View.asSingleton());
    CepMatchResult result =
        pipeline.apply("Events", events).apply(CepMatch.with(view, CepMatchConfig.defaults()));
    PAssert.that(described(result.alerts())).containsInAnyOrder("ab/1 MATCH u [a:a1 b:b3] @3");
    PAssert.that(described(result.timeouts())).containsInAnyOrder("ab/1 TIMEOUT v [a:a2] @12");

    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    assertThat(counter(run, "events_in"), is(4L));
    assertThat(counter(run, "key_state_created"), is(3L));
    assertThat(counter(run, "key_state_cleared"), is(3L));
    assertThat("no key held more than one partial match",
        MatchFixtures.largestPartialMatchCount(run), is(1L));
    assertThat(counter(run, "matches_ab_v1"), is(1L));
    assertThat(counter(run, "timeouts_ab_v1"), is(1L));
  }

  @Test
  void eventsBeforeTheFirstRulesAreHeldAndMatchedOnceRulesArrive(TestPipeline pipeline) {
    // The rules side input gets its first value only after a minute of processing time, the
    // events come at once; the runner holds them back, so the match is still found. (Accumulating
    // panes: the window's closing pane must still hold the rule set.)
    TestStream<KV<String, Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)),
                TimestampedValue.of(event("u", "b2", "b"), at(2)))
            .advanceWatermarkToInfinity();
    TestStream<RuleSet> ruleUpdates =
        TestStream.create(SerializableCoder.of(RuleSet.class))
            .advanceProcessingTime(org.joda.time.Duration.standardMinutes(1))
            .addElements(rules(1, aThenB()))
            .advanceWatermarkToInfinity();
    PCollectionView<RuleSet> view =
        pipeline.apply("Rules", ruleUpdates)
            .apply(Window.<RuleSet>into(new GlobalWindows())
                .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                .accumulatingFiredPanes())
            .apply(View.asSingleton());
    CepMatchResult result =
        pipeline.apply("Events", events).apply(CepMatch.with(view, CepMatchConfig.defaults()));
    PAssert.that(described(result.alerts())).containsInAnyOrder("ab/1 MATCH u [a:a1 b:b2] @2");
    pipeline.run().waitUntilFinish();
  }
}
