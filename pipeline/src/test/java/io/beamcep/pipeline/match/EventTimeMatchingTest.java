package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.EVENTS;
import static io.beamcep.pipeline.match.MatchFixtures.aThenB;
import static io.beamcep.pipeline.match.MatchFixtures.at;
import static io.beamcep.pipeline.match.MatchFixtures.described;
import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.ids;
import static io.beamcep.pipeline.match.MatchFixtures.match;
import static io.beamcep.pipeline.match.MatchFixtures.rules;

import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.rules.RuleSet;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Event-time matching: ordering, watermarks, late events, windows closing. */
@ExtendWith(TestPipelineExtension.class)
class EventTimeMatchingTest {

  @Test
  void outOfOrderEventsAreSortedBeforeMatching(TestPipeline pipeline) {
    // Rule: a then b within 10 s / Events arrive b@3, a@1 (one watermark) / Match: a1 b3.
    TestStream<org.apache.beam.sdk.values.KV<String, io.beamcep.patterns.event.Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "b3", "b"), at(3)),
                TimestampedValue.of(event("u", "a1", "a"), at(1)))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB()), CepMatchConfig.defaults());
    PAssert.that(described(result.alerts())).containsInAnyOrder("ab/1 MATCH u [a:a1 b:b3] @3");
    PAssert.that(result.timeouts()).empty();
    PAssert.that(result.lateEvents()).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void equalTimestampsKeepArrivalOrder(TestPipeline pipeline) {
    // Rule: a then b / Events a@5 then b@5 in one batch / Match: a b (b is after a in arrival).
    TestStream<org.apache.beam.sdk.values.KV<String, io.beamcep.patterns.event.Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a5", "a"), at(5)),
                TimestampedValue.of(event("u", "b5", "b"), at(5)))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB()), CepMatchConfig.defaults());
    PAssert.that(described(result.alerts())).containsInAnyOrder("ab/1 MATCH u [a:a5 b:b5] @5");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void tieBreakFieldOrdersEqualTimestampsWhateverTheArrivalOrder(TestPipeline pipeline) {
    // Rule: a then b / Events of u at 5 s arrive b (seq 10) before a (seq 9), as a runner's
    // shuffle may deliver them; v's arrive a (seq 2) then b (seq 1) / tie-break "seq":
    // u matches a9 b10 (numeric, not text, order), v matches nothing (b1 is before a2).
    TestStream<org.apache.beam.sdk.values.KV<String, io.beamcep.patterns.event.Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(sequenced("u", "b10", "b", 10), at(5)),
                TimestampedValue.of(sequenced("u", "a9", "a", 9), at(5)),
                TimestampedValue.of(sequenced("v", "a2", "a", 2), at(5)),
                TimestampedValue.of(sequenced("v", "b1", "b", 1), at(5)))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB()),
        CepMatchConfig.defaults().withTieBreakField("seq"));
    PAssert.that(described(result.alerts())).containsInAnyOrder("ab/1 MATCH u [a:a9 b:b10] @5");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void tieBreakPutsEventsWithoutTheFieldLastInArrivalOrder(TestPipeline pipeline) {
    // Rule: a then b / u at 5 s: b (no seq) arrives first, then a (seq 1) / a1 is matched first.
    TestStream<org.apache.beam.sdk.values.KV<String, io.beamcep.patterns.event.Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "b", "b"), at(5)),
                TimestampedValue.of(sequenced("u", "a1", "a", 1), at(5)))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB()),
        CepMatchConfig.defaults().withTieBreakField("seq"));
    PAssert.that(described(result.alerts())).containsInAnyOrder("ab/1 MATCH u [a:a1 b:b] @5");
    pipeline.run().waitUntilFinish();
  }

  private static org.apache.beam.sdk.values.KV<String, io.beamcep.patterns.event.Event> sequenced(
      String user, String id, String type, long seq) {
    java.util.Map<String, Object> fields =
        new java.util.LinkedHashMap<>(event(user, id, type).getValue().fields());
    fields.put("seq", seq);
    return org.apache.beam.sdk.values.KV.of(user, io.beamcep.patterns.event.Event.of(fields));
  }

  @Test
  void eventsBehindTheDrainedTimeGoToTheLateOutput(TestPipeline pipeline) {
    // a@1, watermark 5 (a drained, key at 5); then b@4 arrives: late, not matched; b@6 matches.
    TestStream<org.apache.beam.sdk.values.KV<String, io.beamcep.patterns.event.Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)))
            .advanceWatermarkTo(at(5))
            .addElements(TimestampedValue.of(event("u", "b0", "b"), at(0)))
            .addElements(TimestampedValue.of(event("u", "b6", "b"), at(6)))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB()), CepMatchConfig.defaults());
    PAssert.that(ids(result.lateEvents())).containsInAnyOrder("u:b0");
    PAssert.that(described(result.alerts())).containsInAnyOrder("ab/1 MATCH u [a:a1 b:b6] @6");
    org.apache.beam.sdk.PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    org.hamcrest.MatcherAssert.assertThat(
        MatchFixtures.counter(run, "late_events"), org.hamcrest.Matchers.is(1L));
  }

  @Test
  void allowedOutOfOrdernessSortsInEventsBehindTheWatermark(TestPipeline pipeline) {
    // Same stream, 5 s allowed out-of-orderness: b@3 arriving after watermark 5 is still on time.
    TestStream<org.apache.beam.sdk.values.KV<String, io.beamcep.patterns.event.Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)))
            .advanceWatermarkTo(at(5))
            .addElements(TimestampedValue.of(event("u", "b3", "b"), at(3)))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB()),
        CepMatchConfig.defaults().withAllowedOutOfOrderness(Duration.standardSeconds(5)));
    PAssert.that(result.lateEvents()).empty();
    PAssert.that(described(result.alerts())).containsInAnyOrder("ab/1 MATCH u [a:a1 b:b3] @3");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void partialMatchTimesOutWhenTheWatermarkClosesItsWindow(TestPipeline pipeline) {
    // a@1 never followed by b within 10 s: the timeout comes when the watermark passes 11,
    // before the b@30 that arrives afterwards (which starts nothing: b alone matches nothing).
    TestStream<org.apache.beam.sdk.values.KV<String, io.beamcep.patterns.event.Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)),
                TimestampedValue.of(event("v", "a2", "a"), at(2)))
            .advanceWatermarkTo(at(20))
            .addElements(TimestampedValue.of(event("u", "b30", "b"), at(30)))
            .advanceWatermarkToInfinity();
    CepMatchResult result = match(pipeline, events, rules(1, aThenB()), CepMatchConfig.defaults());
    PAssert.that(described(result.timeouts()))
        .containsInAnyOrder("ab/1 TIMEOUT u [a:a1] @11", "ab/1 TIMEOUT v [a:a2] @12");
    PAssert.that(result.alerts()).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void timeoutsFollowTheRulesFunctionUnlessConfiguredOtherwise(TestPipeline pipeline) {
    // Same rule but function Json (no timeouts): PER_RULE emits none; ALL emits it anyway.
    TestStream<org.apache.beam.sdk.values.KV<String, io.beamcep.patterns.event.Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)))
            .advanceWatermarkToInfinity();
    RuleSet quiet = rules(1, MatchFixtures.twoSteps(
        "ab", 1, "a", "SKIP_TILL_NEXT", "b", 10, AlertFunctions.JSON));
    PCollectionView<RuleSet> view =
        pipeline.apply("Rules", Create.of(quiet)).apply(View.asSingleton());
    var input = pipeline.apply("Events", events);
    CepMatchResult perRule = input.apply("PerRule", CepMatch.with(view, CepMatchConfig.defaults()));
    CepMatchResult all = input.apply("All",
        CepMatch.with(view, CepMatchConfig.defaults().withTimeouts(TimeoutEmission.ALL)));
    PAssert.that(perRule.timeouts()).empty();
    PAssert.that(described(all.timeouts())).containsInAnyOrder("ab/1 TIMEOUT u [a:a1] @11");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void trailingNotFollowedByMatchesWhenTheWindowCloses(TestPipeline pipeline) {
    // Rule: a not followed by c within 10 s. u: a@1, no c -> match at window close (11).
    // v: a@1, c@4 -> no match.
    TestStream<org.apache.beam.sdk.values.KV<String, io.beamcep.patterns.event.Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)),
                TimestampedValue.of(event("v", "a1", "a"), at(1)),
                TimestampedValue.of(event("v", "c4", "c"), at(4)))
            .advanceWatermarkTo(at(30))
            .advanceWatermarkToInfinity();
    RuleSet rules = rules(1, MatchFixtures.twoSteps(
        "notc", 1, "a", "NOT_FOLLOW", "c", 10, AlertFunctions.JSON));
    CepMatchResult result = match(pipeline, events, rules, CepMatchConfig.defaults());
    PAssert.that(described(result.alerts())).containsInAnyOrder("notc/1 MATCH u [a:a1] @11");
    pipeline.run().waitUntilFinish();
  }
}
