package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.EVENTS;
import static io.beamcep.pipeline.match.MatchFixtures.at;
import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.rules;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.rules.RuleRow;
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
 * A rule whose condition fails at run time matches nothing and shows it in the gauge
 * {@code condition_errors_<id>_v<n>}: operators see a broken rule without reading logs.
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
  void aConditionFailingAtRunTimeIsCountedInItsRulesGauge(TestPipeline pipeline) {
    TestStream<KV<String, Event>> events =
        TestStream.create(EVENTS)
            .addElements(TimestampedValue.of(event("u", "a1", "a"), at(1)),
                TimestampedValue.of(event("u", "a2", "a"), at(2)))
            .advanceWatermarkToInfinity();
    PCollectionView<RuleSet> view = pipeline
        .apply("Rules", Create.of(rules(1, comparesTextWithNumber())))
        .apply(View.asSingleton());
    CepMatchResult result =
        pipeline.apply("Events", events).apply(CepMatch.with(view, CepMatchConfig.defaults()));
    PAssert.that(result.alerts()).empty();

    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    List<Long> reported = MatchFixtures.gauges(run, "condition_errors_broken_v1");
    int gauges = reported.size();
    long gauge = reported.stream().mapToLong(Long::longValue).max().orElse(0L);
    assertThat("gauges reported", gauges, is(1));
    assertThat(gauge, greaterThan(0L));
  }
}
