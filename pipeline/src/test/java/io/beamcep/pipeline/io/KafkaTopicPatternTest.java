package io.beamcep.pipeline.io;

import static io.beamcep.pipeline.io.TimedViews.view;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
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

/** --inputTopicPattern: a Kafka job reading the topics a regular expression matches. */
class KafkaTopicPatternTest {
  private final KafkaBroker kafka = KafkaBroker.shared();
  private final String shop = "shop-" + UUID.randomUUID().toString().substring(0, 8);
  private final long hourAgo =
      Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
  private final long tenMinutes = Duration.ofMinutes(10).toMillis();

  /**
   * Topics {shop}-a (views 1 and 2 of one user an hour ago, 3 and 4 ten minutes later), {shop}-b
   * (views 5 and 6 of another user ten minutes later) and {shop}x-c (views 7 and 8 of a third);
   * the pattern {shop}-.* and scenario 1's rule (views 2 and 3 are ten minutes apart). Expected:
   * the matches of the first two topics, none of the third, which the pattern does not match
   * whole.
   */
  private String threeTopics() {
    for (String topic : List.of(shop + "-a", shop + "-b", shop + "x-c")) {
      kafka.createTopic(topic, 1);
    }
    kafka.produceAt(shop + "-a", List.of(Map.entry(hourAgo, view(1, "u1")),
        Map.entry(hourAgo + 1_000, view(2, "u1")), Map.entry(hourAgo + tenMinutes, view(3, "u1")),
        Map.entry(hourAgo + tenMinutes + 1_000, view(4, "u1"))));
    kafka.produceAt(shop + "-b", List.of(Map.entry(hourAgo + tenMinutes, view(5, "u2")),
        Map.entry(hourAgo + tenMinutes + 1_000, view(6, "u2"))));
    kafka.produceAt(shop + "x-c", List.of(Map.entry(hourAgo, view(7, "u3")),
        Map.entry(hourAgo + 1_000, view(8, "u3"))));
    return shop + "-.*";
  }

  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  @MostlyWaits
  void theJobReadsEveryTopicThePatternMatches(String runner) throws IOException {
    String alerts = shop + "-alerts";
    CepPipelineOptions options = TimedViews.job(kafka, runner, "unused", alerts);
    options.setInputTopicPattern(threeTopics());
    assertThat(TimedViews.runUntilMatched(kafka, options, alerts, 4, 6),
        containsInAnyOrder(List.of(1, 2), List.of(3, 4), List.of(5, 6)));
  }

  /**
   * The same topics read from 55 minutes ago (--startReadTime) with a consumer group. Expected:
   * the group starts each matched topic at that time: (3, 4) and (5, 6); (1, 2) is before it.
   */
  @Test
  @MostlyWaits
  void aStartTimeStartsEachTopicThePatternMatches() throws IOException {
    String alerts = shop + "-since-alerts";
    CepPipelineOptions options = TimedViews.job(kafka, "DirectRunner", "unused", alerts);
    options.setInputTopicPattern(threeTopics());
    options.setInputTopicGroup(shop + "-group");
    options.setStartReadTime(Instant.ofEpochMilli(hourAgo).plus(Duration.ofMinutes(5)).toString());
    assertThat(TimedViews.runUntilMatched(kafka, options, alerts, 4, 6),
        containsInAnyOrder(List.of(3, 4), List.of(5, 6)));
  }

  /**
   * A pattern no topic matches, one that is no regular expression, one for a file job, and a dry
   * run's line.
   */
  @Test
  void aPatternIsCheckedAtLaunchAndNamedByADryRun() {
    CepPipelineOptions none = TimedViews.job(kafka, "DirectRunner", "unused", "alerts");
    none.setInputTopicPattern(shop + "-nothing-.*");
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> CepPipeline.prepare(none));
    assertThat(refused.getMessage(), startsWith("Kafka at " + kafka.bootstrapServers()
        + ": --inputTopicPattern '" + shop + "-nothing-.*' matches no topic"));

    CepPipelineOptions broken = TimedViews.job(kafka, "DirectRunner", "unused", "alerts");
    broken.setInputTopicPattern("shop-[");
    assertThat(assertThrows(IllegalArgumentException.class, () -> CepPipeline.prepare(broken))
        .getMessage(), equalTo("--inputTopicPattern 'shop-[' is not a regular expression: "
            + "Unclosed character class near index 5"));

    CepPipelineOptions file = Scenarios.replayWithItsRules(1);
    file.setInputTopicPattern("shop-.*");
    assertThat(assertThrows(IllegalArgumentException.class, () -> CepPipeline.prepare(file))
        .getMessage(), equalTo("--inputTopicPattern names the Kafka topics a job reads: it needs "
            + "--source=kafka"));

    CepPipelineOptions described = TimedViews.job(kafka, "DirectRunner", "unused", "alerts");
    described.setInputTopicPattern("shop-.*");
    assertThat(CepPipeline.describe(described), hasItem("events: Kafka topics matching "
        + "'shop-.*' on " + kafka.bootstrapServers()));
  }
}
