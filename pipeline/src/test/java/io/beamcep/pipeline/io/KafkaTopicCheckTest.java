package io.beamcep.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.Scenarios;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launch check of a job's Kafka topics (--checkServicesAtLaunch), against real brokers: the
 * shared one, which makes a topic on its first write as a broker does by default, and one of its
 * own that makes none.
 */
class KafkaTopicCheckTest {
  /** Scenario 1's rule over its events: its expected matches, each one alert. */
  private static final int SCENARIO_1_ALERTS =
      Scenarios.lines(Scenarios.expectedFile(1)).size();
  private static KafkaBroker kafka;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBroker.shared();
  }

  /**
   * Topics read: one of two names has a typo. Expected: the job is refused before it reaches the
   * runner, naming that topic and the brokers' topics nearest to it first, and no topic is made.
   * Without the check the runner is handed the job; on the FlinkRunner it fails only once it runs
   * on the cluster (FlinkClusterIT).
   */
  @Test
  void aJobReadingATopicTheBrokersDoNotHaveIsRefusedBeforeItIsSubmitted() {
    kafka.createTopic("clicks", 1);
    CepPipelineOptions options = options(kafka);
    options.as(DirectOptions.class).setBlockOnRun(false);
    options.setSource(CepPipelineOptions.SourceKind.kafka);
    options.setInputTopic("clicks, clikcs");

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> CepPipeline.run(options));
    assertThat(refused.getMessage(), startsWith("Kafka at " + kafka.bootstrapServers()
        + ": --inputTopic names 'clikcs', which does not exist; a job started now would fail "
        + "once it runs (--checkServicesAtLaunch=false starts it anyway, e.g. when the topic is "
        + "made later). Topics there, nearest first: clicks"));
    assertThat(kafka.topics(), not(hasItem("clikcs")));

    options.setCheckServicesAtLaunch(false);
    assertThrows(Pipeline.PipelineExecutionException.class, () -> CepPipeline.run(options));
  }

  /**
   * Topics written: the alert topic and the dead-letter topic do not exist, on brokers that make
   * no topic on a first write. Expected: both are named, and the job runs once they are made.
   */
  @Test
  void topicsTheJobWritesMustExistWhereTheBrokersMakeNoTopicOnAFirstWrite() {
    try (KafkaBroker strict = KafkaBroker.start(false)) {
      CepPipelineOptions options = writingAlerts(strict, "alertz");
      options.setDeadLetterTopic("dead-letterz");

      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> CepPipeline.run(options));
      assertThat(refused.getMessage(), startsWith("Kafka at " + strict.bootstrapServers()
          + ": --outputTopic names 'alertz', which does not exist, and the brokers make no topic "
          + "on a first write (auto.create.topics.enable=false); --deadLetterTopic names "
          + "'dead-letterz', which does not exist, and the brokers make no topic on a first write "
          + "(auto.create.topics.enable=false); a job started now would fail once it runs"));

      strict.createTopic("alertz", 1);
      strict.createTopic("dead-letterz", 1);
      CepPipeline.run(options).waitUntilFinish();
      assertThat(strict.consumeAll("alertz"), hasSize(SCENARIO_1_ALERTS));
    }
  }

  /** Topic written: not there yet, on brokers that make it on its first write: the job runs. */
  @Test
  void aTopicTheJobWritesIsMadeByItsFirstWriteWhereTheBrokersMakeTopics() {
    assertThat(kafka.topics(), not(hasItem("alerts-made-by-the-job")));
    CepPipeline.run(writingAlerts(kafka, "alerts-made-by-the-job")).waitUntilFinish();
    assertThat(kafka.consumeAll("alerts-made-by-the-job"), hasSize(SCENARIO_1_ALERTS));
  }

  @Test
  void brokersThatDoNotAnswerRefuseTheLaunchNamingTheWayOut() throws Exception {
    String nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = "127.0.0.1:" + socket.getLocalPort(); // closed again: nothing listens there
    }
    KafkaTopicCheck check = KafkaTopicCheck.on(nobody).reads("--inputTopic", List.of("clicks"));
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> check.require(Duration.ofSeconds(2)));
    assertThat(refused.getMessage(), startsWith("cannot list the topics of --kafkaBrokers "
        + nobody + " to check the job's topics (--checkServicesAtLaunch=false starts the job "
        + "anyway, e.g. when only its workers can reach the brokers): "));
  }

  @Test
  void aTyposNeighbourIsFewEditsAway() {
    assertThat(KafkaTopicCheck.editDistance("clikcs", "clicks"), equalTo(2));
    assertThat(KafkaTopicCheck.editDistance("click_stream", "click_streams"), equalTo(1));
    assertThat(KafkaTopicCheck.editDistance("", "alerts"), equalTo(6));
  }

  /** A bounded replay of scenario 1 on the DirectRunner, its alerts to {@code topic}. */
  private static CepPipelineOptions writingAlerts(KafkaBroker broker, String topic) {
    CepPipelineOptions options = options(broker);
    options.setSource(CepPipelineOptions.SourceKind.file);
    options.setInputFile(Scenarios.eventsFile(1).toString());
    options.setUsingEventTime(true);
    options.setSinks("kafka");
    options.setOutputTopic(topic);
    return options;
  }

  private static CepPipelineOptions options(KafkaBroker broker) {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setRunner(DirectRunner.class);
    options.setKafkaBrokers(broker.bootstrapServers());
    options.setRulesFile(Scenarios.rulesFile(1).toString());
    return options;
  }
}
