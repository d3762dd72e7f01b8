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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
  @MostlyWaits
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
   * --startOffset=latest with a consumer group: views 1 and 2 of u0, written before the launch,
   * are not read, and views 3 and 4 of u1, written after it, match; then the topic grows and
   * views 5 and 6 of u2 go to the new partition at once, seconds before the job looks for
   * partitions again (every 10 s), and are read when it finds it, from the partition's earliest
   * offset as Flink's KafkaSource reads a partition it discovers. Before, the reader started a
   * found partition at its end there, and those views were never read. Expected: (3, 4), (5, 6).
   */
  @Test
  @MostlyWaits
  void aPartitionFoundWhileAJobReadsFromTheLatestOffsetsIsReadWhole() throws IOException {
    kafka.createTopic(topic, 1);
    kafka.produceAt(topic, 0, twoViews(1, "u0"));
    String alerts = topic + "-alerts";
    CepPipelineOptions options = discovering("DirectRunner", alerts);
    options.setPartitionDiscoveryMs(10_000);
    options.setStartOffset(CepPipelineOptions.StartOffset.latest);
    options.setInputTopicGroup(topic + "-group");
    PipelineResult job = CepPipeline.run(options);
    try {
      kafka.produceAt(topic, 0, twoViews(3, "u1"));
      TimedViews.awaitAlertWith(kafka, job, alerts, 4);
      kafka.growTopic(topic, 2);
      kafka.produceAt(topic, 1, twoViews(5, "u2"));
      TimedViews.awaitAlertWith(kafka, job, alerts, 6);
    } finally {
      job.cancel();
    }
    assertThat(TimedViews.matchedViews(kafka, alerts),
        containsInAnyOrder(List.of(3, 4), List.of(5, 6)));
  }

  /**
   * What such a launch commits: partition 0, where the group has committed offset 1 of its 3
   * records, keeps it (a job started again without its state resumes there); partition 1, 2
   * records and no committed offset, gets its end. A second launch commits nothing.
   */
  @Test
  void theLaunchCommitsTheEndOfEachPartitionWithoutACommittedOffset() throws Exception {
    kafka.createTopic(topic, 2);
    kafka.produceAt(topic, 0, threeViewsOfU1());
    kafka.produceAt(topic, 1, twoViews(4, "u2"));
    String group = topic + "-group";
    TopicPartition first = new TopicPartition(topic, 0);
    TopicPartition second = new TopicPartition(topic, 1);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.alterConsumerGroupOffsets(group, Map.of(first, new OffsetAndMetadata(1))).all().get();

      assertThat(commitEnds(group), equalTo(Map.of(second, 2L)));
      assertThat(committed(admin, group), equalTo(Map.of(first, 1L, second, 2L)));
      assertThat(commitEnds(group), equalTo(Map.of()));
    }
  }

  /**
   * A committed offset out of a partition's range is moved to its end, where the latest policy
   * would start the partition, as for one without any: partition 0 (3 records, the first 2 deleted)
   * had offset 1, below its first; partition 1 (2 records) had 7, past its end; partition 2 (2
   * records, the first deleted) keeps 1, its first offset.
   */
  @Test
  void theLaunchCommitsTheEndOfEachPartitionWhoseCommittedOffsetIsOutOfRange() throws Exception {
    kafka.createTopic(topic, 3);
    kafka.produceAt(topic, 0, threeViewsOfU1());
    kafka.produceAt(topic, 1, twoViews(4, "u2"));
    kafka.produceAt(topic, 2, twoViews(6, "u3"));
    String group = topic + "-group";
    TopicPartition first = new TopicPartition(topic, 0);
    TopicPartition second = new TopicPartition(topic, 1);
    TopicPartition third = new TopicPartition(topic, 2);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.deleteRecords(Map.of(first, RecordsToDelete.beforeOffset(2),
          third, RecordsToDelete.beforeOffset(1))).all().get();
      admin.alterConsumerGroupOffsets(group, Map.of(first, new OffsetAndMetadata(1),
          second, new OffsetAndMetadata(7), third, new OffsetAndMetadata(1))).all().get();

      assertThat(commitEnds(group), equalTo(Map.of(first, 3L, second, 2L)));
      assertThat(committed(admin, group), equalTo(Map.of(first, 3L, second, 2L, third, 1L)));
    }
  }

  /** Views 1 to 3 of u1 at record times 1 to 3 ms: for the cases of what a launch commits. */
  private static List<Map.Entry<Long, String>> threeViewsOfU1() {
    return List.of(Map.entry(1L, view(1, "u1")), Map.entry(2L, view(2, "u1")),
        Map.entry(3L, view(3, "u1")));
  }

  private static Map<TopicPartition, Long> committed(Admin admin, String group)
      throws Exception {
    Map<TopicPartition, Long> committed = new HashMap<>();
    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
        .forEach((partition, offset) -> committed.put(partition, offset.offset()));
    return committed;
  }

  private Map<TopicPartition, Long> commitEnds(String group) {
    return KafkaStartOffsets.commitEndsWhereResetApplies(kafka.bootstrapServers(),
        KafkaClientSettings.none(), group, Optional.empty(), List.of(topic),
        Duration.ofSeconds(10));
  }

  /**
   * The pattern {topic}-.* over {topic}-a (views 1 and 2); once they matched, {topic}-b is made
   * with views 3 and 4 of another user. Expected: both pairs match.
   */
  @Test
  @MostlyWaits
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
  @MostlyWaits
  void anEmptyPartitionHoldsNoMatchBack(String runner) throws IOException {
    kafka.createTopic(topic, 2);
    kafka.produceAt(topic, 0, twoViews(1, "u1"));
    String alerts = topic + "-alerts";
    assertThat(TimedViews.runUntilMatched(kafka, discovering(runner, alerts), alerts, 2),
        equalTo(List.of(List.of(1, 2))));
  }

  /**
   * A negative interval, discovery for a file job, and a dry run's lines: with the latest offsets
   * and a group the launch sets where the group starts, unless it restores a savepoint or may not
   * reach the brokers.
   */
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
    described.setStartOffset(CepPipelineOptions.StartOffset.latest);
    described.setInputTopicGroup("cep");
    assertThat(CepPipeline.describe(described), hasItem("events: Kafka topic(s) clicks on "
        + kafka.bootstrapServers() + ", new partitions looked for every 60000 ms, from the "
        + "latest offsets (consumer group cep's offsets set so where it has none in range when "
        + "the job is launched; a partition found later is read from its earliest)"));
    assertThat(CepPipeline.describe(described, true), hasItem("events: Kafka topic(s) clicks on "
        + kafka.bootstrapServers() + ", from the offsets the savepoint holds (consumer group "
        + "cep's committed offsets left as they are), new partitions looked for every 60000 ms"));
    described.setCheckServicesAtLaunch(false); // a launch that may not reach the brokers
    assertThat(CepPipeline.describe(described), hasItem("events: Kafka topic(s) clicks on "
        + kafka.bootstrapServers() + ", new partitions looked for every 60000 ms"));
  }
}
