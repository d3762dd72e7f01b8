package io.beamcep.runners.cluster;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.runners.Expected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How FlinkClusterIT's jobs are submitted to its cluster and fed from its broker: the README's
 * {@code flink run} command, scenario 1's job options, its rule table and topics, and waiting for
 * the alerts.
 */
final class ClusterJobs {
  static final Path CEP_JAR = Path.of("target", "cep.jar").toAbsolutePath();
  /** A system property: the jar of the jobs whose savepoints this build's jobs restore. */
  static final String JAR_BEFORE_SAVEPOINT = "cep.jar.beforeSavepoint";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FlinkCluster cluster;
  private final KafkaBroker kafka;

  ClusterJobs(FlinkCluster cluster, KafkaBroker kafka) {
    this.cluster = cluster;
    this.kafka = kafka;
  }

  /**
   * The README's {@code flink run [flinkOptions] -c io.beamcep.runners.Cep cep.jar run
   * --runner=FlinkRunner --checkpointingInterval=10000 --objectReuse=true [jobOptions]}, its
   * output into {@code log}.
   */
  Process flinkRun(List<String> flinkOptions, List<String> jobOptions, Path log) throws Exception {
    return flinkRun(CEP_JAR, flinkOptions, jobOptions, log);
  }

  Process flinkRun(Path jar, List<String> flinkOptions, List<String> jobOptions, Path log)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(flinkOptions);
    args.addAll(List.of("-c", "io.beamcep.runners.Cep", jar.toString(),
        "run", "--runner=FlinkRunner", "--checkpointingInterval=10000", "--objectReuse=true"));
    args.addAll(jobOptions);
    return cluster.cli(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** {@link #flinkRun} with {@code -d} first, which must return with exit code 0. */
  void submitDetached(List<String> flinkOptions, List<String> jobOptions, Path log)
      throws Exception {
    submitDetached(CEP_JAR, flinkOptions, jobOptions, log);
  }

  void submitDetached(Path jar, List<String> flinkOptions, List<String> jobOptions, Path log)
      throws Exception {
    List<String> detached = new ArrayList<>(List.of("-d"));
    detached.addAll(flinkOptions);
    Process client = flinkRun(jar, detached, jobOptions, log);
    if (!client.waitFor(4, TimeUnit.MINUTES)) {
      client.destroyForcibly();
    }
    assertThat(Files.readString(log), client.isAlive() ? -1 : client.exitValue(), equalTo(0));
  }

  /** Scenario {@code scenario}'s rule rows into {@code table}. */
  void insertRules(RuleTableFixture table, int scenario) throws Exception {
    for (JsonNode row : JSON.readTree(Expected.rules(scenario).toFile())) {
      JsonNode pattern = row.get("pattern");
      table.insert(row.get("id").asText(), row.get("version").asInt(),
          pattern.isTextual() ? pattern.asText() : pattern.toString(),
          row.path("function").asText(null));
    }
  }

  /** The job's options reading its rules from {@code table} (MariaDB). */
  List<String> tableOptions(RuleTableFixture table) {
    return List.of("--jdbcUrl=" + Databases.MARIADB.url(),
        "--jdbcUser=" + Databases.MARIADB.user(), "--tableName=" + table.name());
  }

  void prepareTopics(String in, String out) throws Exception {
    createTopics(in, out);
    kafka.produce(in, Expected.lines(Expected.events(1)));
  }

  /** An event topic and an alert topic of one partition each. */
  void createTopics(String in, String out) throws Exception {
    kafka.createTopic(in, 1);
    kafka.createTopic(out, 1);
  }

  List<String> jobOptions(String in, String out) {
    return jobOptions(in, out, List.of("--rulesFile=" + Expected.rules(1)));
  }

  List<String> jobOptions(String in, String out, List<String> rules) {
    List<String> options = new ArrayList<>(List.of(
        "--parallelism=1",
        "--streaming=true",
        "--source=kafka",
        "--kafkaBrokers=" + kafka.bootstrapServers(),
        "--inputTopic=" + in,
        "--startOffset=earliest",
        // Processing time: the reference's mode; the testdata README notes it gives the same
        // matches, and no later event is needed to move a watermark past the last view.
        "--usingEventTime=false",
        "--sinks=kafka",
        "--outputTopic=" + out));
    options.addAll(rules);
    return options;
  }

  /**
   * The jar of a job whose savepoint this build's job restores: {@value #JAR_BEFORE_SAVEPOINT},
   * else this build's.
   */
  Path jarBeforeSavepoint() {
    return Path.of(System.getProperty(JAR_BEFORE_SAVEPOINT, CEP_JAR.toString()));
  }

  /** Waits up to 3 minutes for {@code count} alerts on {@code topic}; {@code what} says whose. */
  void awaitAlerts(String topic, int count, String what) {
    await(what).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .until(() -> kafka.consumeAll(topic).size() >= count);
  }

  /** Scenario 1's three alerts arrive on {@code topic} while the job runs on the cluster. */
  void assertAlerts(String topic, Path log, BooleanSupplier gaveUp)
      throws Exception {
    await("three alerts on '" + topic + "' (log: " + log + ")")
        .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
        .until(() -> kafka.consumeAll(topic).size() >= 3 || gaveUp.getAsBoolean());
    List<String> alerts = kafka.consumeAll(topic);
    assertThat(Files.readString(log), Expected.normalized(alerts), equalTo(Expected.matches(1)));
    assertThat("the job runs on the standalone cluster",
        cluster.rest("/jobs/overview").contains("\"state\":\"RUNNING\""), equalTo(true));
  }
}
