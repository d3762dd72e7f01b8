package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.EVENTS;
import static io.beamcep.pipeline.match.MatchFixtures.at;
import static io.beamcep.pipeline.match.MatchFixtures.described;
import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.rules;
import static io.beamcep.pipeline.match.MatchFixtures.twoSteps;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.rules.RuleSet;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The matcher keeps at most {@link CepMatchConfig#maxPartialMatchesPerRule()} started partial
 * matches per rule and key: the oldest beyond it are dropped and counted in {@code
 * partial_matches_dropped_<id>_v<n>}, so one rule whose partial matches multiply cannot take the
 * job's heap. With 0, as in Flink CEP, nothing is dropped.
 */
@ExtendWith(TestPipelineExtension.class)
class PartialMatchLimitTest {

  /** User u views a1..a5, then b6: each a waits for a b (an hour's window). */
  private static TestStream<KV<String, Event>> fiveAsThenB() {
    TestStream.Builder<KV<String, Event>> events = TestStream.create(EVENTS);
    for (int second = 1; second <= 5; second++) {
      events = events.addElements(TimestampedValue.of(event("u", "a" + second, "a"), at(second)));
    }
    return events
        .addElements(TimestampedValue.of(event("u", "b6", "b"), at(6)))
        .advanceWatermarkToInfinity();
  }

  private static PipelineResult run(TestPipeline pipeline, CepMatchConfig config,
      String... expectedAlerts) {
    PCollectionView<RuleSet> view = pipeline
        .apply("Rules", Create.of(rules(1,
            twoSteps("ab", 1, "a", "SKIP_TILL_NEXT", "b", 3_600, AlertFunctions.JSON))))
        .apply(View.asSingleton());
    CepMatchResult result =
        pipeline.apply("Events", fiveAsThenB()).apply(CepMatch.with(view, config));
    PAssert.that(described(result.alerts())).containsInAnyOrder(expectedAlerts);
    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    return run;
  }

  @Test
  void theOldestPartialMatchesBeyondTheLimitAreDroppedAndCounted(TestPipeline pipeline) {
    PipelineResult run = run(pipeline, CepMatchConfig.defaults().withMaxPartialMatchesPerRule(3),
        "ab/1 MATCH u [a:a3 b:b6] @6",
        "ab/1 MATCH u [a:a4 b:b6] @6",
        "ab/1 MATCH u [a:a5 b:b6] @6");

    List<Long> dropped = MatchFixtures.counters(run, "partial_matches_dropped_ab_v1");
    assertThat(dropped, contains(2L));
  }

  @Test
  void withNoLimitNothingIsDropped(TestPipeline pipeline) {
    PipelineResult run = run(pipeline, CepMatchConfig.defaults().withMaxPartialMatchesPerRule(0),
        "ab/1 MATCH u [a:a1 b:b6] @6",
        "ab/1 MATCH u [a:a2 b:b6] @6",
        "ab/1 MATCH u [a:a3 b:b6] @6",
        "ab/1 MATCH u [a:a4 b:b6] @6",
        "ab/1 MATCH u [a:a5 b:b6] @6");

    assertThat(MatchFixtures.counters(run, "partial_matches_dropped_ab_v1"), is(empty()));
  }

  @Test
  void theDefaultLimitIsTenThousandAndANegativeOneIsRefused() {
    assertThat(CepMatchConfig.defaults().maxPartialMatchesPerRule(), is(10_000));
    assertThrows(IllegalArgumentException.class,
        () -> CepMatchConfig.defaults().withMaxPartialMatchesPerRule(-1));
  }
}
