package io.beamcep.pipeline.io;

import static io.beamcep.pipeline.io.TimedViews.view;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

import io.beamcep.pipeline.testing.KafkaBroker;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An event-time Kafka job whose input topic has a partition that holds no record: it must not hold
 * the job's watermark, and so every match, back for good.
 */
class KafkaEmptyPartitionTest {
  private final KafkaBroker kafka = KafkaBroker.shared();

  /**
   * Rule: scenario 1's, a view strictly followed by a view within 5 minutes. Events: views 1 to 4
   * of one user a minute apart, an hour ago (record times), all in partition 0 of a topic of two;
   * partition 1 holds none. Expected: (1, 2), (2, 3) and (3, 4), once partition 1 is caught up
   * (it is empty): its watermark follows the clock, as a partition's that is idle after records.
   */
  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void aPartitionWithNoRecordDoesNotHoldTheMatchesBack(String runner) throws IOException {
    String clicks = "half-empty-" + UUID.randomUUID();
    String alerts = "half-empty-alerts-" + UUID.randomUUID();
    kafka.createTopic(clicks, 2);
    long start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)
        .toEpochMilli();
    long minute = Duration.ofMinutes(1).toMillis();
    kafka.produceAt(clicks, 0, List.of(Map.entry(start, view(1, "u1")),
        Map.entry(start + minute, view(2, "u1")), Map.entry(start + 2 * minute, view(3, "u1")),
        Map.entry(start + 3 * minute, view(4, "u1"))));

    assertThat(
        TimedViews.runUntilMatched(kafka, TimedViews.job(kafka, runner, clicks, alerts), alerts, 4),
        containsInAnyOrder(List.of(1, 2), List.of(2, 3), List.of(3, 4)));
  }
}
