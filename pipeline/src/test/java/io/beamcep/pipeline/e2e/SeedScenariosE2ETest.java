package io.beamcep.pipeline.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.MostlyWaits;
import io.beamcep.pipeline.testing.Scenarios;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed's five scenarios as the seed runs them: the rule row in a MariaDB table {@code
 * rds_demoN} (pattern as a JSON string column), the click events in a Kafka topic {@code
 * click_streamN} (one partition), the streaming job polling the table every 3000 ms. Each job's
 * alerts go to a Kafka topic and must be exactly Flink CEP's matches (by event ids). In the same
 * job a rule inserted while it runs starts matching without a restart.
 */
class SeedScenariosE2ETest {
  private static final Duration RESULT_WAIT = Duration.ofSeconds(120);
  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S");
  private static KafkaBroker kafka;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBroker.shared();
  }


  @ParameterizedTest(name = "{0} runner, event time {1}")
  @MostlyWaits
  @CsvSource({"direct,false", "direct,true", "flink,false", "flink,true"})
  void everyScenarioGivesExactlyFlinksMatchesAndNewRulesApplyWhileRunning(
      String runner, boolean eventTime) {
    for (int scenario = 1; scenario <= 5; scenario++) {
      long started = System.nanoTime();
      runScenario(runner, eventTime, scenario, scenario == 1);
      System.out.printf("e2e %s eventTime=%s scenario %d: %d ms%n",
          runner, eventTime, scenario, (System.nanoTime() - started) / 1_000_000);
    }
  }

  private void runScenario(String runner, boolean eventTime, int scenario, boolean insertRuleLive) {
    String suffix =
        runner + (eventTime ? "_et_" : "_pt_") + UUID.randomUUID().toString().substring(0, 6);
    String inputTopic = "click_stream" + scenario + "_" + suffix;
    String outputTopic = "alerts" + scenario + "_" + suffix;
    kafka.createTopic(inputTopic, 1);
    kafka.createTopic(outputTopic, 1);
    try (RuleTableFixture table =
        Databases.MARIADB.createRuleTable("rds_demo" + scenario + "_" + suffix)) {
      table.insert("1", 1, Scenarios.patternText(scenario), Scenarios.function(scenario));
      kafka.produce(inputTopic, Scenarios.lines(Scenarios.eventsFile(scenario)));

      PipelineResult job =
          CepPipeline.run(options(runner, eventTime, inputTopic, outputTopic, table.name()));
      try {
        List<String> expected =
            MatchSummary.sorted(
                Scenarios.lines(Scenarios.expectedFile(scenario)).stream()
                    .map(MatchSummary::ofExpected)
                    .toList());
        // Exactly: equal, and still equal two seconds later (no late extra alerts).
        await().atMost(RESULT_WAIT).during(Duration.ofSeconds(2))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> alerts(outputTopic).equals(expected));
        assertThat(alerts(outputTopic), is(expected));

        if (insertRuleLive) {
          insertRuleWhileRunning(table, inputTopic, outputTopic);
        }
      } finally {
        cancel(job);
      }
    }
  }

  /**
   * Rule 2 (scenario 1's pattern under another id) is inserted into the running job's table. Its
   * first poll is up to 3 s away and cannot be observed from outside, so a fresh user's pair of
   * views is produced every second until rule 2 reports one of them: it must, without a restart.
   */
  private void insertRuleWhileRunning(
      RuleTableFixture table, String inputTopic, String outputTopic) {
    table.insert("2", 1, Scenarios.patternText(1), Scenarios.function(1));
    AtomicInteger user = new AtomicInteger(900_000_000);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      produceViewPair(inputTopic, String.valueOf(user.incrementAndGet()));
      return alerts(outputTopic).stream().anyMatch(a -> a.startsWith("2 v1 "));
    });
  }

  private void produceViewPair(String topic, String userId) {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    List<String> views = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      views.add(String.format(
          "{\"id\": %d, \"eventTime\": \"%s\", \"eventType\": \"view\", \"productId\": \"1\","
              + " \"categoryId\": \"1\", \"categoryCode\": \"c\", \"brand\": \"b\", \"price\": 1.0,"
              + " \"userId\": \"%s\", \"userSession\": \"s\"}",
          1000 + i, now.plusSeconds(i).format(SQL_TIME), userId));
    }
    kafka.produce(topic, views);
  }

  private static List<String> alerts(String outputTopic) {
    return MatchSummary.sorted(
        kafka.consumeAll(outputTopic).stream().map(MatchSummary::ofAlertJson).toList());
  }

  private static CepPipelineOptions options(
      String runner, boolean eventTime, String inputTopic, String outputTopic, String table) {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    if (runner.equals("flink")) {
      FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
      flink.setRunner(FlinkRunner.class);
      flink.setFlinkMaster("[local]");
      flink.setParallelism(1);
      flink.setAttachedMode(false); // run() returns a handle to cancel the never-ending job
      flink.setMaxBundleTimeMills(100L);
    } else {
      DirectOptions direct = options.as(DirectOptions.class);
      direct.setRunner(DirectRunner.class);
      direct.setBlockOnRun(false);
    }
    options.setSource(CepPipelineOptions.SourceKind.kafka);
    options.setKafkaBrokers(kafka.bootstrapServers());
    options.setInputTopic(inputTopic);
    options.setInputTopicGroup("cep_" + inputTopic);
    options.setJdbcUrl(Databases.MARIADB.url());
    options.setJdbcUser(Databases.MARIADB.user());
    options.setJdbcPassword(Databases.MARIADB.password());
    options.setTableName(table);
    options.setJdbcIntervalMs(3000L);
    options.setUsingEventTime(eventTime);
    options.setSinks("kafka");
    options.setOutputTopic(outputTopic);
    return options;
  }

  private static void cancel(PipelineResult job) {
    try {
      job.cancel();
    } catch (Exception e) {
      throw new IllegalStateException("cannot cancel the job", e);
    }
  }
}
