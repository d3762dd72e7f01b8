package io.beamcep.pipeline.io;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.testing.EmbeddedFlink;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.MostlyWaits;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job on a Kafka cluster that lets in only clients that sign in (SASL PLAIN), as production
 * clusters do: the sign-in comes from --kafkaProperties, for every Kafka client of the job.
 */
class SecuredKafkaTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "alice-secret";
  private static KafkaBroker secured;

  @TempDir Path dir;

  @BeforeAll
  static void startKafka() {
    secured = KafkaBroker.startWithPassword(USER, PASSWORD);
  }

  @AfterAll
  static void stopKafka() {
    secured.close();
  }

  /**
   * Job: events from a topic (scenario 1's, then a record that is not JSON), scenario 1's rule in
   * event time, alerts written exactly once by two writers, dead letters to a topic of their own;
   * the sign-in in --kafkaProperties. Expected: scenario 1's alerts are committed and the record
   * is a dead letter: each client signed in, the launch check's and the exactly-once writers'
   * progress consumer among them, which Beam makes with the brokers and its group alone.
   */
  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  @MostlyWaits
  void everyKafkaClientOfTheJobSignsInWithTheSettingsOfItsFile(String runner)
      throws IOException {
    String clicks = "clicks-" + runner;
    String alerts = "alerts-" + runner;
    String deadLetters = "dead-letters-" + runner;
    secured.createTopic(clicks, 1);
    secured.createTopic(alerts, 2);
    secured.createTopic(deadLetters, 1);
    List<String> records = new ArrayList<>(Scenarios.lines(Scenarios.eventsFile(1)));
    records.add("{not json");
    secured.produce(clicks, records);

    CepPipelineOptions options = job(signIn(PASSWORD));
    if (runner.equals("FlinkRunner")) {
      // streaming on an embedded Flink: the settings cross Flink's serialization of the job,
      // and the exactly-once writers write once a checkpoint completes
      EmbeddedFlink.unboundedJob(options).setCheckpointingInterval(1000L);
    }
    options.setInputTopic(clicks);
    options.setOutputTopic(alerts);
    options.setDeadLetterTopic(deadLetters);
    options.setKafkaSinkGroupId("secured-alerts-" + runner);
    PipelineResult job = CepPipeline.run(options);
    try {
      await().atMost(Duration.ofSeconds(120))
          .failFast("the job ended", () -> job.getState().isTerminal())
          .until(() -> secured.consumeCommittedRecords(alerts).size()
              == Scenarios.lines(Scenarios.expectedFile(1)).size()
              && secured.consumeAll(deadLetters).size() == 1);
    } finally {
      job.cancel();
    }
    assertThat(secured.consumeAll(deadLetters), equalTo(List.of("{not json")));
  }

  /**
   * Job: the same, its file with a wrong password. Expected: refused at launch with Kafka's word
   * for it, before any client of the job has been made.
   */
  @Test
  void aWrongPasswordIsRefusedAtLaunchWithTheBrokersReason() throws IOException {
    secured.createTopic("clicks-refused", 1);
    CepPipelineOptions options = job(signIn("not-" + PASSWORD));
    options.setInputTopic("clicks-refused");
    options.setKafkaSinkShards(1); // more than one: the sink's partition check refuses it first

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> CepPipeline.run(options));
    assertThat(refused.getMessage(), startsWith("cannot list the topics of --kafkaBrokers "
        + secured.bootstrapServers() + " to check the job's topics"));
    assertThat(refused.getMessage(), containsString("Authentication failed"));
  }

  /** A properties file signing in as the test's user with {@code password}. */
  private Path signIn(String password) throws IOException {
    return Files.writeString(dir.resolve("kafka.properties"), String.join("\n",
        "security.protocol=SASL_PLAINTEXT",
        "sasl.mechanism=PLAIN",
        "sasl.jaas.config=" + KafkaBroker.plainLogin(USER, password).replace("\"", "\\\""),
        ""));
  }

  private static CepPipelineOptions job(Path kafkaProperties) {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setRunner(DirectRunner.class);
    options.as(DirectOptions.class).setBlockOnRun(false);
    options.setKafkaBrokers(secured.bootstrapServers());
    options.setKafkaProperties(kafkaProperties.toString());
    options.setSource(CepPipelineOptions.SourceKind.kafka);
    options.setInputTopic("clicks");
    options.setUsingEventTime(true);
    options.setRulesFile(Scenarios.rulesFile(1).toString());
    options.setSinks("kafka");
    options.setOutputTopic("alerts");
    options.setKafkaSinkGroupId("secured-alerts");
    options.setKafkaSinkShards(2);
    options.setDeadLetterTopic("dead-letters");
    return options;
  }
}
