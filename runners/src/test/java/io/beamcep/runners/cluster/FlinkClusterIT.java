package io.beamcep.runners.cluster;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.runners.CepRunner;
import io.beamcep.runners.Expected;
import io.beamcep.runners.cli.CartAbovePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production shape end to end: the fat jar's streaming alert job on a real standalone Flink
 * 1.19 cluster (separate JobManager and TaskManager JVMs), click events through a real Kafka
 * broker, alerts back on a Kafka topic. Scenario 1 (a view strictly followed by a view) must give
 * exactly its three matches. Both ways to deploy share one cluster and one broker (each costs
 * about a minute to start): {@code java -jar cep.jar --flinkMaster=...} and the README's
 * {@code flink run -d -c io.beamcep.runners.Cep cep.jar run ...}, detached and attached; and a
 * savepoint restored, in processing time and in event time (RocksDB), from an older jar if asked,
 * and with exactly-once alerts, and a partition found after one; a rule deleted from the table
 * while no event reaches the job; and a condition plugin given to {@code flink run -C}.
 */
@Tag("fat-jar")
class FlinkClusterIT {
  private static final Path CEP_JAR = ClusterJobs.CEP_JAR;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static KafkaBroker kafka;
  private static FlinkCluster cluster;
  private static ClusterJobs jobs;

  @BeforeAll
  static void startServices() throws Exception {
    assertThat("the fat jar is built before this test (mvn verify runs it after package)",
        Files.exists(CEP_JAR), equalTo(true));
    kafka = KafkaBroker.start();
    cluster = FlinkCluster.start(dir.resolve("flink"), 2);
    jobs = new ClusterJobs(cluster, kafka);
  }

  @AfterAll
  static void stopServices() throws Exception {
    try (KafkaBroker k = kafka; FlinkCluster c = cluster) {
      // closes both, even when one of them failed to start
    }
  }

  @AfterEach
  void cancelJobs() throws Exception {
    if (cluster != null) {
      // A streaming job never ends by itself; the next test needs its slot.
      cluster.cancelAllJobs();
    }
  }

  @Test
  void fatJarJobSubmittedWithFlinkMasterAlertsOnKafkaEvents() throws Exception {
    String in = "clicks-master";
    String out = "alerts-master";
    jobs.prepareTopics(in, out);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", CEP_JAR.toString(), "run",
        "--runner=FlinkRunner",
        "--flinkMaster=" + cluster.master(),
        "--filesToStage=" + CEP_JAR));
    command.addAll(jobs.jobOptions(in, out));
    Path log = dir.resolve("submitter.log");
    // The submitter stays attached to the streaming job: it runs until the job is cancelled.
    Process submitter = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      jobs.assertAlerts(out, log, () -> !submitter.isAlive());
    } finally {
      submitter.destroy();
      if (!submitter.waitFor(20, TimeUnit.SECONDS)) {
        submitter.destroyForcibly();
      }
    }
  }

  @Test
  void readmeFlinkRunCommandSubmitsDetachedAndAlertsOnKafkaEvents() throws Exception {
    String in = "clicks-flinkrun";
    String out = "alerts-flinkrun";
    jobs.prepareTopics(in, out);
    Path log = dir.resolve("flink-run.log");
    // Detached: the client returns once the job is submitted, and says so with exit code 0.
    jobs.submitDetached(List.of(), jobs.jobOptions(in, out), log);
    String output = Files.readString(log);
    assertThat(output, containsString("Job has been submitted with JobID"));
    assertThat(output, containsString("cep: the job was submitted detached"));
    // the launch read the cluster's configuration (FLINK_CONF_DIR), which names a checkpoint dir
    assertThat(output, not(containsString("JobManager's memory")));
    jobs.assertAlerts(out, log, () -> false);
  }

  @Test
  void readmeFlinkRunCommandWithoutDetachStaysAttachedUntilTheJobIsCancelled() throws Exception {
    String in = "clicks-attached";
    String out = "alerts-attached";
    jobs.prepareTopics(in, out);
    Path log = dir.resolve("flink-run-attached.log");
    Process client = jobs.flinkRun(List.of(), jobs.jobOptions(in, out), log);
    try {
      jobs.assertAlerts(out, log, () -> !client.isAlive());
      assertThat("the client waits for the streaming job (log: " + log + ")",
          client.isAlive(), equalTo(true));
      cluster.cancelAllJobs();
      assertThat("the client returns once its job is cancelled (log: " + log + ")",
          client.waitFor(2, TimeUnit.MINUTES), equalTo(true));
      // As for any attached Flink job: a cancelled job is an error to the client that waited.
      String output = Files.readString(log);
      assertThat(output, client.exitValue(), equalTo(1));
      assertThat(output, containsString(
          "cep: RuntimeException: Pipeline execution failed (JobCancellationException: Job was "
              + "cancelled.)"));
    } finally {
      if (client.isAlive()) {
        client.destroyForcibly();
      }
    }
  }

  /**
   * Job: {@code flink run -d} of a job whose --inputTopic has a typo. Expected: the client refuses
   * it naming the topic, and the cluster is given no job. Before, the job was submitted and failed
   * on the cluster, with a message that named no topic.
   */
  @Test
  void flinkRunOfAJobReadingATopicTheBrokersDoNotHaveSubmitsNothing() throws Exception {
    jobs.createTopics("clicks-typo", "alerts-typo");
    List<String> jobsBefore = cluster.jobIds();
    Path log = dir.resolve("flink-run-typo.log");
    Process client =
        jobs.flinkRun(List.of("-d"), jobs.jobOptions("clikcs-typo", "alerts-typo"), log);
    assertThat(client.waitFor(4, TimeUnit.MINUTES), equalTo(true));
    String output = Files.readString(log);
    assertThat(output, client.exitValue(), not(equalTo(0)));
    assertThat(output, containsString("Kafka at " + kafka.bootstrapServers()
        + ": --inputTopic names 'clikcs-typo', which does not exist"));
    assertThat(output, cluster.jobIds(), equalTo(jobsBefore));
  }

  @Test
  void aPartialMatchPendingAtASavepointCompletesAfterTheRestore() throws Exception {
    String in = "clicks-savepoint";
    String out = "alerts-savepoint";
    jobs.createTopics(in, out);
    List<String> events = Expected.lines(Expected.events(1));
    try (RuleTableFixture table = Databases.MARIADB.newRuleTable("savepoint_rules")) {
      jobs.insertRules(table, 1);
      List<String> options = jobs.jobOptions(in, out, jobs.tableOptions(table));
      Path before = dir.resolve("savepoint-before.log");
      jobs.submitDetached(jobs.jarBeforeSavepoint(), List.of(), options, before);
      // views 1 and 2: one alert, and a partial match started at view 2 left pending
      kafka.produce(in, events.subList(0, 2));
      jobs.awaitAlerts(out, 1, "the alert before the savepoint (log: " + before + ")");

      String savepoint =
          cluster.savepointAndCancel(cluster.runningJob(), dir.resolve("savepoints"));
      Path after = dir.resolve("savepoint-after.log");
      jobs.submitDetached(List.of("-s", savepoint), options, after);
      kafka.produce(in, events.subList(2, 4));

      // view 3 completes the partial match that waited in the savepoint: (2, 3), then (3, 4)
      jobs.awaitAlerts(out, 3, "three alerts in all (logs: " + before + ", " + after + ")");
      List<String> alerts = kafka.consumeAll(out);
      assertThat(Files.readString(after), Expected.normalized(alerts),
          equalTo(Expected.matches(1)));
    }
  }

  /**
   * A job looking for new partitions ({@code --partitionDiscoveryMs}) across a savepoint: views 1
   * and 2 in the topic's one partition give an alert and leave a partial match pending; the job is
   * stopped with a savepoint, the topic grows to two partitions while no job runs, and views 3 and
   * 4 go to the new partition. Expected: the restored job finds the partition and completes the
   * pending match with them, scenario 1's three matches in all (the reader's state, the
   * partitions it has found, came back from the savepoint). With {@code --startOffset=latest} and
   * a group, the launch that restores ({@code flink run -s}) leaves the group's offsets as they
   * are, so the new partition is read whole as the first launch's would be; when it set them to
   * the latest, as a first launch does, views 3 and 4 were skipped.
   */
  @ParameterizedTest(name = "--startOffset={0}")
  @ValueSource(strings = {"earliest", "latest"})
  void aPartitionAddedWhileTheJobWasStoppedIsReadAfterTheRestore(String startOffset)
      throws Exception {
    String in = "clicks-discovered-" + startOffset;
    String out = "alerts-discovered-" + startOffset;
    jobs.createTopics(in, out);
    List<String> events = Expected.lines(Expected.events(1));
    List<String> options = new ArrayList<>(jobs.jobOptions(in, out));
    if (startOffset.equals("latest")) {
      options.set(options.indexOf("--startOffset=earliest"), "--startOffset=latest");
      options.add("--inputTopicGroup=" + in + "-group");
    }
    options.add("--partitionDiscoveryMs=1000");
    Path before = dir.resolve("discovered-" + startOffset + "-before.log");
    jobs.submitDetached(List.of(), options, before);
    kafka.produce(in, events.subList(0, 2));
    jobs.awaitAlerts(out, 1, "the alert before the savepoint (log: " + before + ")");

    String savepoint = cluster.savepointAndCancel(cluster.runningJob(),
        dir.resolve("savepoints-discovered-" + startOffset));
    kafka.growTopic(in, 2);
    long now = System.currentTimeMillis();
    kafka.produceAt(in, 1, List.of(Map.entry(now, events.get(2)), Map.entry(now, events.get(3))));
    Path after = dir.resolve("discovered-" + startOffset + "-after.log");
    jobs.submitDetached(List.of("-s", savepoint), options, after);

    jobs.awaitAlerts(out, 3, "three alerts in all (logs: " + before + ", " + after + ")");
    assertThat(Files.readString(after), Expected.normalized(kafka.consumeAll(out)),
        equalTo(Expected.matches(1)));
  }

  /**
   * Exactly-once alerts ({@code --kafkaSinkGroupId}) across a savepoint: the writers' progress in
   * the savepoint agrees with what they committed to Kafka under the group, so the restored job,
   * in new JVMs, goes on writing in transactions, and a reader of committed records finds each of
   * scenario 1's three alerts once.
   */
  @Test
  void exactlyOnceAlertsGoOnAfterASavepointIsRestored() throws Exception {
    String in = "clicks-once";
    String out = "alerts-once";
    jobs.createTopics(in, out);
    List<String> events = Expected.lines(Expected.events(1));
    List<String> options = new ArrayList<>(jobs.jobOptions(in, out));
    options.add("--kafkaSinkGroupId=cep-alerts-once");
    Path before = dir.resolve("once-before.log");
    jobs.submitDetached(List.of(), options, before);
    kafka.produce(in, events.subList(0, 2));
    await("the alert before the savepoint, committed (log: " + before + ")")
        .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .until(() -> committedAlerts(out).size() >= 1);

    String savepoint =
        cluster.savepointAndCancel(cluster.runningJob(), dir.resolve("savepoints-once"));
    Path after = dir.resolve("once-after.log");
    jobs.submitDetached(List.of("-s", savepoint), options, after);
    kafka.produce(in, events.subList(2, 4));

    await("three committed alerts in all (logs: " + before + ", " + after + ")")
        .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .until(() -> committedAlerts(out).size() >= 3);
    assertThat(Files.readString(after), Expected.normalized(committedAlerts(out)),
        equalTo(Expected.matches(1)));
  }

  /**
   * A condition plugin shipped in a jar of its own and given to Flink's client with {@code -C}
   * (the README's way): the launch check on the client and the matchers on the TaskManager both
   * know its name. Scenario 2 with its CartAddCondition written as {@code com.acme.cep.CartAbove
   * [200]} gives scenario 2's matches.
   */
  @Test
  void aConditionPluginOnTheClassPathOfFlinkRunMatchesOnTheCluster() throws Exception {
    String in = "clicks-plugin";
    String out = "alerts-plugin";
    jobs.createTopics(in, out);
    Path plugin = PluginJar.write(dir.resolve("acme-conditions.jar"), CartAbovePlugin.class);
    String cartAdd =
        "\"className\": \"com.alibaba.ververica.cep.demo.condition.CartAddCondition\"";
    String rules = Files.readString(Expected.rules(2));
    assertThat("scenario 2 names CartAddCondition", rules.contains(cartAdd), equalTo(true));
    Path rulesFile = Files.writeString(dir.resolve("plugin.rules.json"), rules.replace(cartAdd,
        "\"className\": \"" + CartAbovePlugin.NAME + "\", \"args\": [200]"));
    Path log = dir.resolve("plugin.log");
    jobs.submitDetached(List.of("-C", plugin.toUri().toString()),
        jobs.jobOptions(in, out, List.of("--rulesFile=" + rulesFile)), log);
    kafka.produce(in, Expected.lines(Expected.events(2)));

    jobs.awaitAlerts(out, Expected.matches(2).size(), "scenario 2's matches (log: " + log + ")");
    assertThat(Files.readString(log), Expected.normalized(kafka.consumeAll(out)),
        equalTo(Expected.matches(2)));
  }

  /** The alerts on {@code topic} that a reader of committed records sees. */
  private static List<String> committedAlerts(String topic) {
    return kafka.consumeCommittedRecords(topic).stream().map(record -> record.value()).toList();
  }

  /**
   * The event-time matcher across a savepoint in RocksDB: view 3's partial match and view 4,
   * buffered until the watermark passes its time, wait in the savepoint, and the restored job
   * drains view 4 and completes the match with no further event: its timer reads the rules from
   * the MariaDB table itself, as no element has brought the side input into the restored worker.
   * The job before the savepoint runs the jar that {@value ClusterJobs#JAR_BEFORE_SAVEPOINT}
   * names (default: this build's), so that state an earlier version wrote can be restored by
   * this one, as an upgrade does.
   */
  @Test
  void eventTimeStateInASavepointIsMatchedOnAfterTheRestore() throws Exception {
    String in = "clicks-event-time";
    String out = "alerts-event-time";
    jobs.createTopics(in, out);
    try (RuleTableFixture table = Databases.MARIADB.newRuleTable("event_time_rules")) {
      jobs.insertRules(table, 1);
      List<String> options = new ArrayList<>(jobs.jobOptions(in, out, jobs.tableOptions(table)));
      options.remove("--usingEventTime=false");
      options.addAll(List.of("--stateBackend=rocksdb",
          "--stateBackendStoragePath=" + dir.resolve("rocksdb-checkpoints").toUri()));
      Path before = dir.resolve("event-time-before.log");
      jobs.submitDetached(jobs.jarBeforeSavepoint(), List.of(), options, before);
      // View 4, a minute ahead, arrives first: the matcher buffers it until the watermark passes
      // its time. Views 1 to 3, as far apart as in the testdata but a second and more ago, drain
      // at once (a partition whose newest time is ahead of the wall clock has its watermark
      // follow the clock): two alerts, and view 3's partial match waits for view 4.
      List<String> events = Expected.lines(Expected.events(1));
      Instant third = Instant.now().minusSeconds(1);
      Instant fourth = third.plusSeconds(61).truncatedTo(ChronoUnit.SECONDS);
      List<String> produced = new ArrayList<>(shifted(events.subList(3, 4), fourth));
      produced.addAll(shifted(events.subList(0, 3), third));
      kafka.produce(in, produced);
      jobs.awaitAlerts(out, 2, "two alerts before the savepoint (log: " + before + ")");

      String savepoint =
          cluster.savepointAndCancel(cluster.runningJob(), dir.resolve("savepoints-event-time"));
      assertThat("the savepoint holds view 4 buffered only if taken before its time",
          Instant.now().isBefore(fourth), equalTo(true));
      Path after = dir.resolve("event-time-after.log");
      jobs.submitDetached(CEP_JAR, List.of("-s", savepoint), options, after);
      // No event follows: the idle partition's watermark follows the clock past view 4's time, and
      // the drain timer, which cannot read the side input, reads the rules from the table.
      jobs.awaitAlerts(out, 3, "three alerts in all (logs: " + before + ", " + after + ")");
      List<String> alerts = kafka.consumeAll(out);
      assertThat(Files.readString(after), Expected.normalized(alerts),
          equalTo(Expected.matches(1)));
    }
  }

  /**
   * A worker that no event reaches gets no rules side input either, yet its timers fire: once its
   * rules have gone a poll interval without one, they read the table themselves. Two rules (a
   * view strictly followed by a view, within 20 s) match views 1 and 2, and each waits on with
   * the partial match view 2 started; then one is removed from the table ({@code cep rules
   * remove}) and no event comes. Only the kept rule's partial match times out (before, the
   * deleted rule's did too).
   */
  @Test
  void aRuleRemovedWhileNoEventComesNoLongerTimesOut() throws Exception {
    String in = "clicks-quiet";
    String out = "alerts-quiet";
    jobs.createTopics(in, out);
    try (RuleTableFixture table = Databases.MARIADB.newRuleTable("quiet_rules")) {
      String pattern = JSON.readTree(Expected.rules(1).toFile()).get(0).get("pattern").toString()
          .replace("\"unit\":\"MINUTES\",\"size\":5", "\"unit\":\"SECONDS\",\"size\":20");
      table.insert("kept", 1, pattern, null).insert("deleted", 1, pattern, null);
      List<String> options = new ArrayList<>(jobs.jobOptions(in, out, jobs.tableOptions(table)));
      options.addAll(List.of("--timeouts=true", "--jdbcIntervalMs=1000"));
      Path log = dir.resolve("quiet.log");
      jobs.submitDetached(List.of(), options, log);
      kafka.produce(in, Expected.lines(Expected.events(1)).subList(0, 2));
      jobs.awaitAlerts(out, 2, "a match of each rule (log: " + log + ")");

      CepRunner remove = CepRunner.cep("rules", "remove", "--jdbc", Databases.MARIADB.url(),
          "--user", Databases.MARIADB.user(), "--table", table.name(), "deleted");
      assertThat(remove.err(), remove.exitCode(), equalTo(0));
      jobs.awaitAlerts(out, 3, "the kept rule's timeout (log: " + log + ")");
      // the two timeouts would come from one timer: give a fourth alert time to follow the third
      await("no fourth alert").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
          .until(() -> kafka.consumeAll(out), hasSize(3));
      List<String> alerts = new ArrayList<>();
      for (String alert : kafka.consumeAll(out)) {
        JsonNode read = JSON.readTree(alert);
        alerts.add(read.get("ruleId").asText() + " " + read.get("kind").asText());
      }
      assertThat(Files.readString(log), alerts,
          containsInAnyOrder("kept MATCH", "deleted MATCH", "kept TIMEOUT"));
    }
  }

  /**
   * The events with their times moved by one amount, so that the last is at {@code last}
   * (SQL_DATETIME, UTC, to the second as in the testdata).
   */
  private static List<String> shifted(List<String> lines, Instant last) {
    List<ObjectNode> events = new ArrayList<>();
    for (String line : lines) {
      events.add((ObjectNode) Expected.read(line));
    }
    Duration shift = Duration.between(
        timeOf(events.get(events.size() - 1)), last.truncatedTo(ChronoUnit.SECONDS));
    List<String> shifted = new ArrayList<>();
    for (ObjectNode event : events) {
      Instant time = timeOf(event).plus(shift);
      event.put("eventTime",
          Timestamp.valueOf(LocalDateTime.ofInstant(time, ZoneOffset.UTC)).toString());
      shifted.add(event.toString());
    }
    return shifted;
  }

  private static Instant timeOf(JsonNode event) {
    return Timestamp.valueOf(event.get("eventTime").asText()).toLocalDateTime()
        .toInstant(ZoneOffset.UTC);
  }
}
