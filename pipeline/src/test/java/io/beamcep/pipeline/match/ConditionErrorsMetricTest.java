package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.EVENTS;
import static io.beamcep.pipeline.match.MatchFixtures.at;
import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.rules;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleSet;
import java.util.ArrayList;
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
 * A rule whose condition fails at run time matches nothing and shows it in the counter
 * {@code condition_errors_<id>_v<n>}: operators see a broken rule without reading logs, and the
 * count is exact however many workers shared the rule.
 */
@ExtendWith(TestPipelineExtension.class)
class ConditionErrorsMetricTest {

  /** One step whose AVIATOR condition compares text with a number: an error on every event. */
  private static RuleRow comparesTextWithNumber() {
    String pattern = "{\"name\":\"only\",\"type\":\"COMPOSITE\",\"version\":1,"
        + "\"nodes\":[{\"name\":\"only\",\"type\":\"ATOMIC\","
        + "\"condition\":{\"type\":\"AVIATOR\",\"expression\":\"eventType > 1\"}}],"
        + "\"edges\":[]}";
    return new RuleRow("broken", 1, pattern, null);
  }

  @Test
  void aConditionFailingAtRunTimeIsCountedInItsRulesCounter(TestPipeline pipeline) {
    TestStream<KV<String, Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)),
                TimestampedValue.of(event("u", "a2", "a"), at(2)))
            .advanceWatermarkToInfinity();

    PipelineResult run = runBrokenRule(pipeline, events, "broken");

    assertThat(MatchFixtures.counters(run, "condition_errors_broken_v1"), contains(2L));
  }

  /**
   * Events of many keys, which the runner's worker threads match at once with the one compiled
   * rule of this JVM: the counter is the number of failed tests, each event's once. A gauge set
   * from the shared count by each worker showed whichever worker set it last.
   */
  @Test
  void workersSharingTheRuleCountEachFailureOnce(TestPipeline pipeline) {
    int keys = 40;
    int eventsPerKey = 5;
    TestStream.Builder<KV<String, Event>> events = TestStream.create(EVENTS);
    for (int second = 1; second <= eventsPerKey; second++) {
      List<TimestampedValue<KV<String, Event>>> atOnce = new ArrayList<>();
      for (int key = 0; key < keys; key++) {
        atOnce.add(TimestampedValue.of(event("u" + key, "e" + second, "a"), at(second)));
      }
      events = events.addElements(atOnce.get(0), atOnce.subList(1, keys)
          .toArray(TimestampedValue[]::new));
    }

    PipelineResult run =
        runBrokenRule(pipeline, events.advanceWatermarkToInfinity(), "broken-by-many");

    assertThat(MatchFixtures.counters(run, "condition_errors_broken_v1"),
        contains((long) keys * eventsPerKey));
  }

  private static PipelineResult runBrokenRule(TestPipeline pipeline,
      TestStream<KV<String, Event>> events, String name) {
    PCollectionView<RuleSet> view = pipeline
        .apply("Rules", Create.of(rules(1, comparesTextWithNumber())))
        .apply(View.asSingleton());
    CepMatchResult result =
        pipeline.apply("Events", events)
            .apply(name, CepMatch.with(view, CepMatchConfig.defaults()));
    PAssert.that(result.alerts()).empty();
    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    return run;
  }
}
