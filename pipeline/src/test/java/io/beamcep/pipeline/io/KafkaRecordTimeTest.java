package io.beamcep.pipeline.io;

import static io.beamcep.pipeline.io.TimedViews.view;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --timeFormat=KAFKA_TIMESTAMP: events whose JSON holds no time take the timestamps Kafka keeps
 * with their records, as Flink's Kafka source gives them by default.
 */
class KafkaRecordTimeTest {
  private static final String USER = "519698804";
  private static KafkaBroker kafka;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBroker.shared();
  }

  /**
   * Rule: scenario 1's, a view strictly followed by another view within 5 minutes. Events: four
   * views of one user, no time in their JSON, written a millisecond apart with record timestamps
   * 0 s, 1 s, 10 min and 10 min 1 s (an hour ago: a broker deletes records older than its
   * retention). Expected: the matches of the record times, views (1, 2) and (3, 4): 2 and 3 are
   * ten minutes apart. Matched by their arrival, (2, 3) would match too.
   */
  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void eventsTakeTheTimestampsOfTheirKafkaRecords(String runner) throws IOException {
    String clicks = "timed-clicks-" + runner;
    String alerts = "timed-alerts-" + runner;
    kafka.createTopic(clicks, 1);
    long start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)
        .toEpochMilli();
    long tenMinutes = Duration.ofMinutes(10).toMillis();
    kafka.produceAt(clicks, List.of(
        Map.entry(start, view(1, USER)), Map.entry(start + 1_000, view(2, USER)),
        Map.entry(start + tenMinutes, view(3, USER)),
        Map.entry(start + tenMinutes + 1_000, view(4, USER))));

    // view 4 is the last to be matched: once an alert holds it, every other alert is out
    assertThat(
        TimedViews.runUntilMatched(kafka, TimedViews.job(kafka, runner, clicks, alerts), alerts, 4),
        containsInAnyOrder(List.of(1, 2), List.of(3, 4)));
  }

  @Test
  void aFileHasNoKafkaTimestampsToTake() {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setRunner(DirectRunner.class);
    options.setSource(CepPipelineOptions.SourceKind.file);
    options.setInputFile(Scenarios.eventsFile(1).toString());
    options.setTimeFormat("KAFKA_TIMESTAMP");
    options.setRulesFile(Scenarios.rulesFile(1).toString());

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> CepPipeline.run(options));
    assertThat(refused.getMessage(), equalTo("--timeFormat KAFKA_TIMESTAMP takes each Kafka "
        + "record's timestamp: it needs --source=kafka (a file's events have their time in "
        + "--timeField)"));
  }
}
