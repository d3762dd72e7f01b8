package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.beamcep.pipeline.testing.Databases;
import io.beamcep.runners.CepRunner;
import io.beamcep.runners.Expected;
import io.beamcep.runners.FlinkLeftovers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cep run}: the embedded default, pipeline options, templates, and their errors. */
class RunCommandTest {

  @TempDir Path dir;

  @Test
  void embeddedDefaultAlertsOnEveryScenarioWithItsOwnRuleAndEnds() {
    Set<Path> leftBefore = FlinkLeftovers.inTempDirectory();
    CepRunner result = cep("run");
    assertThat(result.err(), result.exitCode(), equalTo(0));
    for (int n = 1; n <= 5; n++) {
      int expected = Expected.matches(n).size();
      assertThat(
          result.out(),
          containsString("rule " + n + " over scenario" + n + ": " + expected + "\n"));
    }
    assertThat(result.err(), containsString("rules in H2 table rds_demo"));
    // before, each run left Flink's cluster directory, a 22 MB jar and the demo's files in /tmp
    assertThat(FlinkLeftovers.addedSince(leftBefore), empty());
  }

  /**
   * A Flink configuration the user gives says where Flink's files go: cep neither replaces it nor
   * adds its own. (This one sends them to a directory of the test's; a streaming job on the
   * embedded cluster leaves some there, which is how the test sees where they went.)
   */
  @Test
  void aFlinkConfigurationOfTheUsersOwnIsUsedAsItIs() throws Exception {
    Path flinkTmp = Files.createDirectory(dir.resolve("flink-tmp"));
    Path conf = Files.createDirectory(dir.resolve("conf"));
    String config = "io:\n  tmp:\n    dirs: " + flinkTmp + "\nweb:\n  tmpdir: " + flinkTmp + "\n";
    Files.writeString(conf.resolve("config.yaml"), config);
    Set<Path> leftBefore = FlinkLeftovers.inTempDirectory();
    CepRunner result = cep("run", "--runner=FlinkRunner", "--parallelism=1", "--streaming=true",
        "--source=file", "--inputFile=" + Expected.events(1), "--rulesFile=" + Expected.rules(1),
        "--sinks=jsonl", "--outputFile=" + dir.resolve("alerts"), "--flinkConfDir=" + conf);
    assertThat(result.err(), result.exitCode(), equalTo(0));
    assertThat(Expected.normalized(Expected.lines(dir.resolve("alerts.jsonl"))),
        equalTo(Expected.matches(1)));
    assertThat(FlinkLeftovers.in(flinkTmp), not(empty()));
    assertThat(Files.readString(conf.resolve("config.yaml")), equalTo(config));
    assertThat(FlinkLeftovers.addedSince(leftBefore), empty());
  }

  @Test
  void pipelineOptionsRunTheJobOnTheChosenRunner() {
    Path out = dir.resolve("alerts");
    CepRunner result = cep("run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(1), "--rulesFile=" + Expected.rules(1),
        "--sinks=jsonl", "--outputFile=" + out);
    assertThat(result.err(), result.exitCode(), equalTo(0));
    List<String> alerts = Expected.lines(dir.resolve("alerts.jsonl"));
    assertThat(Expected.normalized(alerts), equalTo(Expected.matches(1)));
  }

  @Test
  void aDatabaseSinkOnFlinkGetsTheTimeoutsAsWellAsTheMatches() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("alerts").toAbsolutePath();
    CepRunner push = cep("rules", "push", "--jdbc", url, "--table", "rds_demo", "--user", "sa",
        Expected.rules(2).toString());
    assertThat(push.err(), push.exitCode(), equalTo(0));
    CepRunner result = cep("run", "--runner=FlinkRunner", "--parallelism=1", "--source=file",
        "--inputFile=" + Expected.events(2), "--sinks=jdbc", "--jdbcUrl=" + url,
        "--jdbcUser=sa", "--timeouts=true");
    assertThat(result.err(), result.exitCode(), equalTo(0));
    List<String> rows = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(url, "sa", "");
        ResultSet kinds = db.createStatement().executeQuery(
            "SELECT kind, alert_key FROM match_results ORDER BY kind, alert_key")) {
      while (kinds.next()) {
        rows.add(kinds.getString(1) + " " + kinds.getString(2));
      }
    }
    assertThat(rows.size(), equalTo(Expected.matches(2).size() + 1));
    assertThat(rows.get(rows.size() - 1), equalTo("TIMEOUT 517014550"));
  }

  /**
   * Rules: a rules file; alerts: the jdbc sink, in the database --jdbcUrl names. Expected: the
   * file's rules run and their alerts are rows. Before, --jdbcUrl made the job read a rule table
   * there (here none: refused at launch) and leave the file unread. Without the jdbc sink the two
   * together are refused, naming both.
   */
  @Test
  void aRulesFileRunsBesideTheJdbcSinksDatabase() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("sink-only").toAbsolutePath();
    CepRunner result = cep("run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(2), "--rulesFile=" + Expected.rules(2), "--sinks=jdbc",
        "--jdbcUrl=" + url, "--jdbcUser=sa");
    assertThat(result.err(), result.exitCode(), equalTo(0));
    try (Connection db = DriverManager.getConnection(url, "sa", "");
        ResultSet count = db.createStatement().executeQuery(
            "SELECT COUNT(*) FROM match_results WHERE kind = 'MATCH'")) {
      count.next();
      assertThat(count.getInt(1), equalTo(Expected.matches(2).size()));
    }

    CepRunner both = cep("run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(2), "--rulesFile=" + Expected.rules(2),
        "--jdbcUrl=" + url, "--jdbcUser=sa");
    assertThat(both.err(), both.exitCode(), equalTo(2));
    assertThat(both.err(), containsString("--rulesFile and --jdbcUrl both give the job's rules: "
        + "leave one out (beside --rulesFile, --jdbcUrl is the jdbc sink's database, and "
        + "--sinks=stdout names no jdbc sink)"));
  }

  /**
   * Alerts: the jdbc sink, its database unreachable, or one that cannot make the table. Expected:
   * refused at launch, naming the table, the database's reason and the way out; without the check
   * the job starts and fails as its writer starts (on Flink, restarting at each writer's setup).
   */
  @Test
  void aJdbcSinkThatCannotWriteIsRefusedAtLaunch() {
    List<String> job = List.of("run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(1), "--rulesFile=" + Expected.rules(1), "--sinks=jdbc",
        "--jdbcUrl=jdbc:postgresql://127.0.0.1:1/none");
    CepRunner refused = cep(job.toArray(String[]::new));
    assertThat(refused.err(), refused.exitCode(), equalTo(1));
    assertThat(refused.err().lines().count(), equalTo(1L));
    assertThat(refused.err(), containsString("cannot write alerts to table match_results at "
        + "jdbc:postgresql://127.0.0.1:1/none: Connection to 127.0.0.1:1 refused."));
    assertThat(refused.err(), containsString("; a job started now would fail as its writers "
        + "start (--checkServicesAtLaunch=false starts it anyway, e.g. when only its workers can "
        + "reach the database)"));

    List<String> unchecked = new ArrayList<>(job);
    unchecked.add("--checkServicesAtLaunch=false");
    CepRunner started = cep(unchecked.toArray(String[]::new));
    assertThat(started.err(), started.exitCode(), equalTo(1));
    assertThat(started.err(), not(containsString("cannot write alerts")));

    // a real PostgreSQL that cannot make the table: its schema does not exist
    Databases postgres = Databases.POSTGRESQL;
    CepRunner noSchema = cep("run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(1), "--rulesFile=" + Expected.rules(1), "--sinks=jdbc",
        "--jdbcUrl=" + postgres.url(), "--jdbcUser=" + postgres.user(),
        "--resultTable=no_such_schema.alerts");
    assertThat(noSchema.err(), noSchema.exitCode(), equalTo(1));
    assertThat(noSchema.err(), containsString("cannot write alerts to table "
        + "no_such_schema.alerts at " + postgres.url() + ": ERROR: schema \"no_such_schema\" "
        + "does not exist"));
  }

  /**
   * Job: a file replay writing alerts as JSON lines, given directly and through its template, then
   * one whose jdbc sink cannot write. Expected: --dry-run says the first would start and writes
   * no alert, and refuses the second as its launch would.
   */
  @Test
  void aDryRunChecksWhatALaunchChecksAndStartsNothing() throws IOException {
    Path alerts = dir.resolve("dry-run-alerts");
    CepRunner direct = cep("run", "--dry-run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(1), "--rulesFile=" + Expected.rules(1), "--sinks=jsonl",
        "--outputFile=" + alerts);
    assertThat(direct.err(), direct.exitCode(), equalTo(0));
    assertThat(direct.err(), containsString("cep: the job would start on the DirectRunner; "
        + "--dry-run started nothing\n  rules: rules file " + Expected.rules(1) + ": 1 rule (1 v1)"
        + "\n  events: file " + Expected.events(1) + "\n  alerts: jsonl\n"));
    CepRunner template = cep("run", "--dry-run", "--template", "file-replay",
        "--param", "inputFile=" + Expected.events(1), "--param", "rulesFile=" + Expected.rules(1),
        "--param", "sinks=jsonl", "--param", "outputFile=" + alerts);
    assertThat(template.err(), template.exitCode(), equalTo(0));
    assertThat(template.err(), containsString("cep: the job would start on the FlinkRunner; "));
    try (var written = Files.list(dir)) {
      assertThat(written.map(Path::getFileName).map(Path::toString)
          .filter(name -> name.startsWith("dry-run-alerts")).toList(), empty());
    }

    CepRunner refused = cep("run", "--dry-run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(1), "--rulesFile=" + Expected.rules(1), "--sinks=jdbc",
        "--jdbcUrl=jdbc:postgresql://127.0.0.1:1/none");
    assertThat(refused.err(), refused.exitCode(), equalTo(1));
    assertThat(refused.err(), containsString("cannot write alerts to table match_results"));

    CepRunner demo = cep("run", "--dry-run");
    assertThat(demo.exitCode(), equalTo(2));
  }

  /**
   * Rules: a polled MariaDB table holding a good rule, a second version of it that does not
   * compile, and a rule that does not read. Expected: --dry-run names the rule the job would run
   * now and the problems of the rows refused (a polled table's refused rows do not stop a launch:
   * a new version can fix them while the job runs), and reads nothing with
   * --checkRulesAtLaunch=false.
   */
  @Test
  void aDryRunNamesTheRulesAPolledTableHoldsNowAndTheRowsRefused() throws IOException {
    String pattern = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Files.readString(Expected.rules(1))).get(0).get("pattern").toString();
    try (Databases.RuleTableFixture table = Databases.MARIADB.newRuleTable("dry_run")) {
      table.insert("1", 1, pattern, null)
          .insert("1", 2, pattern.replace("\"STRICT\"", "\"SOMETIMES\""), null)
          .insert("7", 1, "{not json", null);
      List<String> job = List.of("run", "--dry-run", "--runner=DirectRunner", "--source=kafka",
          "--kafkaBrokers=127.0.0.1:1", "--inputTopic=clicks", "--checkServicesAtLaunch=false",
          "--jdbcUrl=" + Databases.MARIADB.url(), "--jdbcUser=" + Databases.MARIADB.user(),
          "--tableName=" + table.name(), "--jdbcIntervalMs=5000");
      CepRunner polled = cep(job.toArray(String[]::new));
      assertThat(polled.err(), polled.exitCode(), equalTo(0));
      assertThat(polled.err(), containsString("\n  rules: rule table " + table.name() + " at "
          + Databases.MARIADB.url() + " (polled every 5000 ms), now: 1 rule (1 v1); refused: "
          + "rule 1 v2 at $.pattern.edges[0].type: "));
      assertThat(polled.err(), containsString("; rule 7 v1 at $.pattern: "));
      assertThat(polled.err(),
          containsString("\n  events: Kafka topic(s) clicks on 127.0.0.1:1\n"));

      List<String> unread = new ArrayList<>(job);
      unread.add("--checkRulesAtLaunch=false");
      unread.set(unread.indexOf("--jdbcUrl=" + Databases.MARIADB.url()),
          "--jdbcUrl=jdbc:mariadb://127.0.0.1:1/unreachable");
      CepRunner unchecked = cep(unread.toArray(String[]::new));
      assertThat(unchecked.err(), unchecked.exitCode(), equalTo(0));
      assertThat(unchecked.err(), containsString("(polled every 5000 ms): not read here "
          + "(--checkRulesAtLaunch=false)"));
    }
  }

  /**
   * Kafka client settings: a file signing in to a secured cluster, then one with a misspelt key.
   * Expected: the dry run names the file and its keys, never their values; the misspelt key is
   * refused with the setting it is nearest to (exit 1, bad input in the file; exit 2 before, as if
   * the option were wrong), where Kafka's clients would have ignored it with a warning in each
   * worker's log.
   */
  @Test
  void aDryRunNamesTheKafkaClientSettingsAndAMisspeltOneIsRefused() throws IOException {
    Path settings = Files.writeString(dir.resolve("kafka.properties"), String.join("\n",
        "security.protocol=SASL_SSL", "sasl.mechanism=PLAIN",
        "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"alice\" password=\"alice-secret\";", ""));
    List<String> job = List.of("run", "--dry-run", "--runner=DirectRunner", "--source=kafka",
        "--kafkaBrokers=127.0.0.1:1", "--inputTopic=clicks", "--checkServicesAtLaunch=false",
        "--rulesFile=" + Expected.rules(1), "--kafkaProperties=" + settings);
    CepRunner named = cep(job.toArray(String[]::new));
    assertThat(named.err(), named.exitCode(), equalTo(0));
    assertThat(named.err(), containsString("\n  Kafka clients: the settings of " + settings
        + " [sasl.jaas.config, sasl.mechanism, security.protocol]\n"));
    assertThat(named.err(), not(containsString("alice-secret")));

    Files.writeString(settings, "security.protocol=SASL_SSL\nsasl.mechanisms=PLAIN\n");
    CepRunner misspelt = cep(job.toArray(String[]::new));
    assertThat(misspelt.err(), misspelt.exitCode(), equalTo(1));
    assertThat(misspelt.err(), containsString("--kafkaProperties " + settings + ": line 2: "
        + "sasl.mechanisms is not a setting of a Kafka consumer, producer or admin client (did you "
        + "mean sasl.mechanism?)"));
  }

  /**
   * Job: streaming from Kafka on the FlinkRunner, first without checkpoints, then committing its
   * offsets under a group without them, then with them. Expected: the first would start, with a
   * warning (Flink restarts a job without checkpoints after no failure); the second is refused
   * (its group's offsets would never move); the third starts with no warning. A streaming replay
   * of a file, which ends by itself, starts with no warning either.
   */
  @Test
  void aStreamingJobWithoutCheckpointsIsWarnedOfAndItsOffsetCommitsRefused() {
    List<String> job = List.of("run", "--dry-run", "--runner=FlinkRunner", "--source=kafka",
        "--kafkaBrokers=127.0.0.1:1", "--inputTopic=clicks", "--checkServicesAtLaunch=false",
        "--rulesFile=" + Expected.rules(1));
    CepRunner warned = cep(job.toArray(String[]::new));
    assertThat(warned.err(), warned.exitCode(), equalTo(0));
    assertThat(warned.err(), containsString("cep: warning: this streaming job takes no "
        + "checkpoints: Flink does not restart it after a failure (its default without them)"));

    List<String> grouped = new ArrayList<>(job);
    grouped.add("--inputTopicGroup=cep-clicks");
    CepRunner refused = cep(grouped.toArray(String[]::new));
    assertThat(refused.err(), refused.exitCode(), equalTo(2));
    assertThat(refused.err(), containsString("--inputTopicGroup commits the offsets read when a "
        + "checkpoint completes, and this job takes none: set --checkpointingInterval (ms)"));

    grouped.add("--checkpointingInterval=10000");
    CepRunner checkpointed = cep(grouped.toArray(String[]::new));
    assertThat(checkpointed.err(), checkpointed.exitCode(), equalTo(0));
    assertThat(checkpointed.err(), not(containsString("takes no checkpoints")));

    CepRunner replay = cep("run", "--dry-run", "--runner=FlinkRunner", "--streaming=true",
        "--source=file", "--inputFile=" + Expected.events(1), "--rulesFile=" + Expected.rules(1));
    assertThat(replay.err(), replay.exitCode(), equalTo(0));
    assertThat(replay.err(), not(containsString("warning")));
  }

  @Test
  void templateParametersAreCheckedBeforeAnythingStarts() {
    CepRunner missing = cep("run", "--template", "kafka-to-alerts", "--param", "inputTopic=clicks");
    assertThat(missing.exitCode(), equalTo(1));
    assertThat(missing.err(), containsString("missing required parameter 'jdbcUrl'"));
    assertThat(missing.err().lines().count(), equalTo(1L));

    Path out = dir.resolve("t");
    CepRunner match = cep("run", "--template", "match", "--param", "rulesFile=" + Expected.rules(2),
        "--param", "inputFile=" + Expected.events(2), "--param", "outputFile=" + out,
        "--runner=DirectRunner");
    assertThat(match.err(), match.exitCode(), equalTo(0));
    assertThat(
        Expected.normalized(Expected.lines(dir.resolve("t.jsonl"))), equalTo(Expected.matches(2)));
  }

  @Test
  void wrongFlagsAndValuesAreUsageErrors() {
    CepRunner param = cep("run", "--param", "a=b");
    assertThat(param.exitCode(), equalTo(2));
    assertThat(param.err(), containsString("--param needs --template"));

    CepRunner bare = cep("run", "source");
    assertThat(bare.exitCode(), equalTo(2));
    assertThat(bare.err(), containsString("--name=value"));

    CepRunner unknown = cep("run", "--noSuchOption=1");
    assertThat(unknown.exitCode(), equalTo(2));
    assertThat(unknown.err(), containsString("noSuchOption"));

    CepRunner sink = cep("run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(1), "--rulesFile=" + Expected.rules(1), "--sinks=printer");
    assertThat(sink.exitCode(), equalTo(2));
    assertThat(sink.err(), containsString("unknown sink 'printer'"));
  }

  /**
   * The matchers change their state objects in place; with {@code --fasterCopy=true} Flink's heap
   * backend would write a checkpoint or savepoint from those objects while they change.
   */
  @Test
  void fasterCopyIsRefusedForAStreamingJobWithHeapState() {
    for (List<String> streaming : List.of(List.of("--source=kafka"),
        List.of("--source=file", "--inputFile=x.jsonl", "--streaming=true"))) {
      List<String> args = new ArrayList<>(List.of("run", "--fasterCopy=true"));
      args.addAll(streaming);
      CepRunner refused = cep(args.toArray(String[]::new));
      assertThat(refused.err(), refused.exitCode(), equalTo(2));
      assertThat(refused.err(), containsString("--fasterCopy=true would let checkpoints and "
          + "savepoints of the heap state read the matcher's state while it changes: use "
          + "--stateBackend=rocksdb with it, or leave it off"));
    }
    // a batch job takes no snapshot: it gets past the options to its missing input
    CepRunner batch = cep("run", "--fasterCopy=true", "--source=file",
        "--inputFile=" + dir.resolve("none.jsonl"), "--rulesFile=" + Expected.rules(1));
    assertThat(batch.err(), not(containsString("--fasterCopy")));
    assertThat(batch.err(), containsString("none.jsonl"));
  }

  /**
   * Exactly-once Kafka writing hands the writer only what a completed checkpoint covers: a
   * streaming job without checkpoints would run and write no alert.
   */
  @Test
  void exactlyOnceKafkaWritingWithoutCheckpointsIsRefused() {
    CepRunner refused = cep("run", "--source=kafka", "--sinks=kafka",
        "--kafkaSinkGroupId=cep-alerts");
    assertThat(refused.err(), refused.exitCode(), equalTo(2));
    assertThat(refused.err(), containsString("--kafkaSinkGroupId writes alerts when a checkpoint "
        + "completes, and this job takes none: set --checkpointingInterval"));

    // with checkpoints it gets past the options, to the launch check of its rule table
    CepRunner checkpointed = cep("run", "--source=kafka", "--sinks=kafka",
        "--kafkaSinkGroupId=cep-alerts", "--checkpointingInterval=10000",
        "--jdbcUrl=jdbc:h2:file:" + dir.resolve("rules").toAbsolutePath(), "--jdbcUser=sa",
        "--tableName=none");
    assertThat(checkpointed.err(), not(containsString("--kafkaSinkGroupId")));
    assertThat(checkpointed.err(), containsString("cannot read rule table none"));

    CepRunner noKafkaSink = cep("run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(1), "--rulesFile=" + Expected.rules(1),
        "--sinks=stdout", "--kafkaSinkGroupId=cep-alerts");
    assertThat(noKafkaSink.exitCode(), equalTo(2));
    assertThat(noKafkaSink.err(), containsString(
        "--kafkaSinkGroupId is for the kafka sink, which --sinks=stdout does not name"));
  }

  /**
   * Partition discovery on the FlinkRunner without checkpoints: the job would run and, in event
   * time, match nothing (KafkaPartitionDiscoveryTest's FlinkRunner cases take checkpoints).
   */
  @Test
  void partitionDiscoveryWithoutCheckpointsIsRefused() {
    CepRunner refused = cep("run", "--source=kafka", "--partitionDiscoveryMs=60000");
    assertThat(refused.err(), refused.exitCode(), equalTo(2));
    assertThat(refused.err(), containsString("--partitionDiscoveryMs reads with Beam's splittable "
        + "Kafka reader, which on the FlinkRunner needs checkpoints"));

    CepRunner checkpointed = cep("run", "--source=kafka", "--partitionDiscoveryMs=60000",
        "--checkpointingInterval=10000",
        "--jdbcUrl=jdbc:h2:file:" + dir.resolve("rules").toAbsolutePath(), "--jdbcUser=sa",
        "--tableName=none");
    assertThat(checkpointed.err(), not(containsString("--partitionDiscoveryMs")));
    assertThat(checkpointed.err(), containsString("cannot read rule table none"));
  }

  /**
   * Partition discovery with --startOffset=latest and no consumer group, or with one but a launch
   * that may not reach the brokers: warned of (a found partition's records written before it was
   * found are not read), then the launch goes on to its rule table; not with a group, which reads
   * such a partition whole, nor with the default, earliest.
   */
  @Test
  void partitionDiscoveryFromTheLatestOffsetWithoutAGroupIsWarnedOf() {
    List<String> job = List.of("run", "--source=kafka", "--partitionDiscoveryMs=60000",
        "--checkpointingInterval=10000",
        "--jdbcUrl=jdbc:h2:file:" + dir.resolve("rules").toAbsolutePath(), "--jdbcUser=sa",
        "--tableName=none");
    CepRunner latest = cep(with(job, "--startOffset=latest"));
    CepRunner unchecked = cep(with(job, "--startOffset=latest", "--inputTopicGroup=cep",
        "--checkServicesAtLaunch=false"));
    for (CepRunner warned : List.of(latest, unchecked)) {
      assertThat(warned.err(), containsString("cep: warning: with --startOffset=latest a "
          + "partition found while the job runs (--partitionDiscoveryMs) is read from its end "
          + "when it is found, unless the job has --inputTopicGroup and --checkServicesAtLaunch"));
      assertThat(warned.err(), containsString("cannot read rule table none"));
    }
    CepRunner grouped = cep(with(job, "--startOffset=latest", "--inputTopicGroup=cep"));
    CepRunner earliest = cep(job.toArray(String[]::new));
    for (CepRunner notWarned : List.of(grouped, earliest)) {
      assertThat(notWarned.err(), not(containsString("--startOffset=latest a partition")));
      assertThat(notWarned.err(), containsString("cannot read rule table none"));
    }
  }

  private static String[] with(List<String> job, String... more) {
    List<String> args = new ArrayList<>(job);
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void missingInputOrUnreachableDatabaseIsOneLineWithoutStackTrace() {
    CepRunner input = cep("run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + dir.resolve("none.jsonl"), "--rulesFile=" + Expected.rules(1));
    assertThat(input.exitCode(), not(equalTo(0)));
    assertThat(input.err(), containsString("none.jsonl"));
    assertThat(input.err(), not(containsString("\tat ")));

    CepRunner database = cep("run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(1), "--jdbcUrl=jdbc:postgresql://127.0.0.1:1/none",
        "--tableName=rules");
    assertThat(database.exitCode(), equalTo(1));
    assertThat(database.err(), containsString("127.0.0.1:1"));
    assertThat(database.err().lines().count(), equalTo(1L));
  }

  @Test
  void aStreamingJobWhoseRuleTableCannotBeReadIsRefusedAtLaunch() {
    // Kafka source: the table is polled; a typo in its name left a job running that matched
    // nothing, warning every poll. No broker is needed: the job is refused before it starts.
    String url = "jdbc:h2:file:" + dir.resolve("rules").toAbsolutePath();
    CepRunner typo = cep("run", "--runner=DirectRunner", "--source=kafka", "--jdbcUrl=" + url,
        "--jdbcUser=sa", "--tableName=rds_dmeo");
    assertThat(typo.exitCode(), equalTo(1));
    assertThat(typo.err().lines().count(), equalTo(1L));
    assertThat(typo.err(), containsString("cannot read rule table rds_dmeo at " + url));
    assertThat(typo.err(), containsString("--checkRulesAtLaunch=false"));
    assertThat(typo.err(), not(containsString("\tat ")));
  }
}
