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
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --partitionDiscoveryMs: a running Kafka job reads the partitions added to its topics, and the
 * topics made since that its pattern matches, as Flink's KafkaSource does. Without it, the records
 * of a partition added while the job ran were never read: the first version of the first case
 * waited 2 minutes on each runner for a match of the new partition and got none.
 */
class KafkaPartitionDiscoveryTest {
  private final KafkaBroker kafka = KafkaBroker.shared();
  private final String topic = "grown-" + UUID.randomUUID().toString().substring(0, 8);

  /**
   * Scenario 1's rule in event time on the {@code runner}, looking for partitions every second;
   * the FlinkRunner's job takes checkpoints, as it must with discovery (see PipelineLauncher).
   */
  private CepPipelineOptions discovering(String runner, String alerts) {
    CepPipelineOptions options = TimedViews.job(kafka, runner, topic, alerts);
    options.setPartitionDiscoveryMs(1_000);
    if (runner.equals("FlinkRunner")) {
      options.as(FlinkPipelineOptions.class).setCheckpointingInterval(1_000L);
    }
    return options;
  }

  /** Two views of {@code user} a second apart, numbered {@code first} and the next. */
  private static List<Map.Entry<Long, String>> twoViews(int first, String user) {
    long now = System.currentTimeMillis();
    return List.of(Map.entry(now, view(first, user)),
        Map.entry(now + 1_000, view(first + 1, user)));
  }

  /**
   * A topic of one partition holding views 1 and 2 of u1; once they matched, the topic grows to
   * two partitions and views 3 and 4 of u2 go to the new one. Expected: both pairs match.
   */
  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void aPartitionAddedWhileTheJobRunsIsRead(String runner) throws IOException {
    kafka.createTopic(topic, 1);
    String alerts = topic + "-alerts";
    kafka.produceAt(topic, 0, twoViews(1, "u1"));
    List<List<Integer>> matched = TimedViews.runUntilMatchedAround(kafka,
        discovering(runner, alerts), alerts, 2, () -> {
          kafka.growTopic(topic, 2);
          kafka.produceAt(topic, 1, twoViews(3, "u2"));
        }, 4);
    assertThat(matched, containsInAnyOrder(List.of(1, 2), List.of(3, 4)));
  }

  /**
   * The pattern {topic}-.* over {topic}-a (views 1 and 2); once they matched, {topic}-b is made
   * with views 3 and 4 of another user. Expected: both pairs match.
   */
  @Test
  void aTopicMadeWhileTheJobRunsIsReadWhenThePatternMatchesIt() throws IOException {
    kafka.createTopic(topic + "-a", 1);
    kafka.produceAt(topic + "-a", 0, twoViews(1, "u1"));
    String alerts = topic + "x-alerts"; // not matched by the pattern
    CepPipelineOptions options = discovering("DirectRunner", alerts);
    options.setInputTopicPattern(topic + "-.*");
    List<List<Integer>> matched = TimedViews.runUntilMatchedAround(kafka, options, alerts, 2,
        () -> {
          kafka.createTopic(topic + "-b", 1);
          kafka.produceAt(topic + "-b", 0, twoViews(3, "u2"));
        }, 4);
    assertThat(matched, containsInAnyOrder(List.of(1, 2), List.of(3, 4)));
  }

  /**
   * A topic of two partitions, views 1 and 2 in partition 0 and nothing ever in partition 1: the
   * discovering reader keeps PartitionWatermarks (an empty partition follows the clock), so the
   * event-time job matches. Expected: (1, 2).
   */
  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void anEmptyPartitionHoldsNoMatchBack(String runner) throws IOException {
    kafka.createTopic(topic, 2);
    kafka.produceAt(topic, 0, twoViews(1, "u1"));
    String alerts = topic + "-alerts";
    assertThat(TimedViews.runUntilMatched(kafka, discovering(runner, alerts), alerts, 2),
        equalTo(List.of(List.of(1, 2))));
  }

  /** A negative interval, discovery for a file job, and a dry run's line. */
  @Test
  void theIntervalIsCheckedAndNamedByADryRun() {
    CepPipelineOptions negative = TimedViews.job(kafka, "DirectRunner", topic, "alerts");
    negative.setPartitionDiscoveryMs(-1);
    assertThat(assertThrows(IllegalArgumentException.class, () -> CepPipeline.prepare(negative))
        .getMessage(), equalTo("--partitionDiscoveryMs must not be negative, got -1"));

    CepPipelineOptions file = Scenarios.replayWithItsRules(1);
    file.setPartitionDiscoveryMs(60_000);
    assertThat(assertThrows(IllegalArgumentException.class, () -> CepPipeline.prepare(file))
        .getMessage(), equalTo("--partitionDiscoveryMs looks for new partitions of the Kafka "
            + "topics a job reads: it needs --source=kafka"));

    CepPipelineOptions described = TimedViews.job(kafka, "DirectRunner", "clicks", "alerts");
    described.setPartitionDiscoveryMs(60_000);
    assertThat(CepPipeline.describe(described), hasItem("events: Kafka topic(s) clicks on "
        + kafka.bootstrapServers() + ", new partitions looked for every 60000 ms"));
  }
}
