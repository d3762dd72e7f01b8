package io.beamcep.pipeline.io;

import static io.beamcep.pipeline.io.TimedViews.view;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.MostlyWaits;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --startReadTime: a Kafka job whose consumer group starts at a point in time, each partition at
 * its first record since, or at its end when it has none.
 */
class KafkaStartReadTimeTest {
  private final KafkaBroker kafka = KafkaBroker.shared();

  /**
   * Rule: scenario 1's, a view strictly followed by a view within 5 minutes. Topic a: views 1 and
   * 2 of one user an hour ago, views 3 and 4 ten minutes later; topic b: views 5 and 6 of another
   * user an hour ago, and no record since. The job starts at 55 minutes ago; once it has matched
   * view 4, views 7 and 8 of b's user are written. Expected: the matches (3, 4) and (7, 8) only:
   * a starts at view 3, b at its end. Read from the start the job would match (1, 2) and (5, 6)
   * too, and Beam's own start time would fail the job on the FlinkRunner at b, which has no record
   * since.
   */
  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  @MostlyWaits
  void eachTopicStartsAtItsFirstRecordSinceTheTimeOrAtItsEnd(String runner) throws IOException {
    String a = "since-a-" + UUID.randomUUID();
    String b = "since-b-" + UUID.randomUUID();
    String alerts = "since-alerts-" + UUID.randomUUID();
    kafka.createTopic(a, 1);
    kafka.createTopic(b, 1);
    Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    long hourAgo = start.toEpochMilli();
    long tenMinutes = Duration.ofMinutes(10).toMillis();
    kafka.produceAt(a, List.of(Map.entry(hourAgo, view(1, "u1")),
        Map.entry(hourAgo + 1_000, view(2, "u1")), Map.entry(hourAgo + tenMinutes, view(3, "u1")),
        Map.entry(hourAgo + tenMinutes + 1_000, view(4, "u1"))));
    kafka.produceAt(b, List.of(Map.entry(hourAgo, view(5, "u2")),
        Map.entry(hourAgo + 1_000, view(6, "u2"))));

    CepPipelineOptions options = TimedViews.job(kafka, runner, a + "," + b, alerts);
    options.setInputTopicGroup("since-" + UUID.randomUUID());
    options.setStartReadTime(start.plus(Duration.ofMinutes(5)).toString());
    List<List<Integer>> matched = TimedViews.runUntilMatchedAround(kafka, options, alerts, 4,
        () -> {
          long now = Instant.now().toEpochMilli();
          kafka.produceAt(b, List.of(Map.entry(now, view(7, "u2")),
              Map.entry(now + 1_000, view(8, "u2"))));
        }, 8);
    assertThat(matched, containsInAnyOrder(List.of(3, 4), List.of(7, 8)));
  }

  /** Without a consumer group, for a file, a time that is none: each refused, naming why. */
  @Test
  void aStartTimeNeedsAKafkaJobWithAGroupAndATime() {
    CepPipelineOptions noGroup = TimedViews.job(kafka, "DirectRunner", "clicks", "alerts");
    noGroup.setStartReadTime("2026-12-07T08:00:00Z");
    assertThat(refused(noGroup), equalTo("--startReadTime needs --inputTopicGroup: the job "
        + "starts there by committing that group's offsets when it is launched"));

    CepPipelineOptions file = Scenarios.replayWithItsRules(1);
    file.setStartReadTime("2026-12-07T08:00:00Z");
    assertThat(refused(file), equalTo("--startReadTime is where a Kafka job starts reading: it "
        + "needs --source=kafka"));

    CepPipelineOptions noTime = TimedViews.job(kafka, "DirectRunner", "clicks", "alerts");
    noTime.setInputTopicGroup("g");
    noTime.setStartReadTime("yesterday");
    assertThat(refused(noTime), equalTo("--startReadTime must be an ISO-8601 time with its "
        + "offset (2026-12-07T08:00:00Z) or epoch milliseconds, got 'yesterday'"));
  }

  /**
   * A launch's description says where the group starts, epoch milliseconds read as that time; a
   * launch restoring a savepoint, that the group's offsets are left alone.
   */
  @Test
  void aDryRunSaysWhereTheGroupStarts() {
    CepPipelineOptions options = TimedViews.job(kafka, "DirectRunner", "clicks", "alerts");
    options.setInputTopicGroup("fraud");
    options.setStartReadTime("1796630400000");
    assertThat(CepPipeline.describe(options), hasItem("events: Kafka topic(s) clicks on "
        + kafka.bootstrapServers() + ", from 2026-12-07T08:00:00Z (consumer group fraud's "
        + "offsets set so when the job is launched)"));
    assertThat(CepPipeline.describe(options, true), hasItem("events: Kafka topic(s) clicks on "
        + kafka.bootstrapServers() + ", from the offsets the savepoint holds (consumer group "
        + "fraud's committed offsets left as they are)"));
  }

  private static String refused(CepPipelineOptions options) {
    return assertThrows(IllegalArgumentException.class, () -> CepPipeline.prepare(options))
        .getMessage();
  }
}
