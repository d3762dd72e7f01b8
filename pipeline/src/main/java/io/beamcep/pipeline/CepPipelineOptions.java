package io.beamcep.pipeline;

import io.beamcep.pipeline.match.CepMatchConfig;
import io.beamcep.pipeline.sink.WebhookAlerts;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Every parameter of the CEP job. Names mirror the reference system's CLI where it has one
 * (kafkaBrokers, inputTopic, inputTopicGroup, jdbcUrl, tableName, jdbcIntervalMs, usingEventTime),
 * so that a job started with the reference's arguments runs unchanged. The descriptions and
 * defaults are the documentation: templates and the README tables are generated from them.
 */
public interface CepPipelineOptions extends PipelineOptions, StreamingOptions {

  /** Where events come from. */
  enum SourceKind {
    kafka,
    file
  }

  /** Where a Kafka consumer group starts when it has no committed offset. */
  enum StartOffset {
    earliest,
    latest
  }

  // ---- source ----

  @Description(
      "Event source: 'kafka' (unbounded, reads --inputTopic from --kafkaBrokers) or 'file' "
          + "(bounded replay of the JSON-lines file --inputFile).")
  @Default.Enum("kafka")
  SourceKind getSource();

  void setSource(SourceKind value);

  @Description("Kafka bootstrap servers, comma separated host:port list.")
  @Default.String("localhost:9092")
  String getKafkaBrokers();

  void setKafkaBrokers(String value);

  @Description(
      "A Java properties file of Kafka client settings, e.g. for a secured cluster "
          + "(security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.location), read "
          + "where the job is launched and given to every Kafka client of the job: the events' "
          + "consumer, the alert and dead-letter producers, the launch checks. A key prefixed "
          + "consumer., producer. or admin. goes to that kind of client only. Keys no Kafka client "
          + "knows, and those the job sets itself (bootstrap.servers, group.id, serializers, ...), "
          + "are refused. Paths in it (a trust store) must exist on every worker. Empty: none.")
  @Default.String("")
  String getKafkaProperties();

  void setKafkaProperties(String value);

  @Description(
      "Kafka topic(s) holding the events as JSON values, comma separated. Every record value is "
          + "one JSON object.")
  @Default.String("click_stream")
  String getInputTopic();

  void setInputTopic(String value);

  @Description(
      "Kafka topics to read by a regular expression (Java's, matching a whole name) instead of "
          + "--inputTopic, e.g. clicks-.* for a topic per shop, as Flink's KafkaSource "
          + "setTopicPattern: the topics it matches when the job starts (Beam's Kafka reader "
          + "looks them up then; the running job reads a topic made later only with "
          + "--partitionDiscoveryMs). "
          + "Checked at launch: it must match a topic. Empty: --inputTopic.")
  @Default.String("")
  String getInputTopicPattern();

  void setInputTopicPattern(String value);

  @Description(
      "How often (ms) a running Kafka job looks for partitions added to its topics, and "
          + "with --inputTopicPattern for topics made since, and reads them, as Flink's "
          + "KafkaSource does with partition.discovery.interval.ms (e.g. 300000): a topic grown "
          + "from 4 partitions to 8 while the job runs. A partition found so is read from its "
          + "earliest offset, as Flink's reads it; with --startOffset=latest only with "
          + "--inputTopicGroup and --checkServicesAtLaunch, as the launch sets the group's "
          + "offsets to the latest where it has none in range (else such a partition is read "
          + "from when it is found). The job then reads with Beam's splittable Kafka reader, "
          + "which commits the group's offsets of --inputTopicGroup in five-minute windows of "
          + "record time rather than at each checkpoint, and on the FlinkRunner needs "
          + "--checkpointingInterval and reads the partitions that fall on one task in turns of "
          + "up to 10,000 records or 10 s each, so records can come seconds late (p99 2.2 s at "
          + "5,000 events/s over 2 partitions on one task, 30 ms over 1; a --parallelism of at "
          + "least the partitions makes turns rarer); a savepoint of the job without this option "
          + "does not restore into the job with it (start it afresh). 0: the job reads the "
          + "partitions there were when it was first started, and never a record of a partition "
          + "added later, even once restored from a savepoint, which keeps the partitions read.")
  @Default.Long(0)
  long getPartitionDiscoveryMs();

  void setPartitionDiscoveryMs(long value);

  @Description(
      "Kafka consumer group id. When set, offsets are committed when a checkpoint finalizes, so a"
          + " restarted job resumes where the last checkpoint left off. Empty: no group, no"
          + " commits.")
  @Default.String("")
  String getInputTopicGroup();

  void setInputTopicGroup(String value);

  @Description(
      "Where to start reading a topic partition that has no committed offset for the group: "
          + "'earliest' or 'latest'.")
  @Default.Enum("earliest")
  StartOffset getStartOffset();

  void setStartOffset(StartOffset value);

  @Description(
      "Start the group --inputTopicGroup (required with it) at a point in time: when the job is "
          + "launched, each partition of --inputTopic gets as its committed offset that of its "
          + "first record at or after this time, or its end when it has none since, as "
          + "kafka-consumer-groups --reset-offsets --to-datetime does and Flink's KafkaSource "
          + "with OffsetsInitializer.timestamp, e.g. to match a day again with changed rules. "
          + "An ISO-8601 time with its offset (2026-12-07T08:00:00Z) or epoch milliseconds; "
          + "record times are their Kafka timestamps. A job restored from a checkpoint or "
          + "savepoint resumes where that left off. Empty: the group's committed offsets, else "
          + "--startOffset.")
  @Default.String("")
  String getStartReadTime();

  void setStartReadTime(String value);

  @Description("JSON-lines file (or glob) of events, read when --source=file.")
  @Default.String("")
  String getInputFile();

  void setInputFile(String value);

  // ---- events ----

  @Description(
      "Event field(s) whose values form the partition key, comma separated; patterns match per "
          + "key (the reference keys click events by userId). A dotted name (user.id) reaches "
          + "into the event's objects when the event has no field of that very name.")
  @Default.String("userId")
  String getKeyFields();

  void setKeyFields(String value);

  @Description(
      "Event field holding the event time; used when --usingEventTime=true. A dotted name "
          + "(meta.ts) reaches into the event's objects, as for --keyFields.")
  @Default.String("eventTime")
  String getTimeField();

  void setTimeField(String value);

  @Description(
      "Format of --timeField: SQL_DATETIME (yyyy-MM-dd HH:mm:ss[.S], UTC: the reference's), "
          + "ISO_8601 (2020-01-01T00:01:00Z; no offset means UTC), EPOCH_MILLIS or "
          + "EPOCH_SECONDS (a Unix time, 1577836860 or 1577836860.25); or "
          + "KAFKA_TIMESTAMP: --timeField is not read, each event's time is the timestamp Kafka "
          + "keeps with its record (its producer's or the broker's, by the topic's "
          + "message.timestamp.type), as Flink's Kafka source gives by default.")
  @Default.String("SQL_DATETIME")
  String getTimeFormat();

  void setTimeFormat(String value);

  @Description(
      "true: patterns and windows use the events' own time (--timeField, or with "
          + "--timeFormat=KAFKA_TIMESTAMP their Kafka records'), with watermarks lagging by "
          + "--maxOutOfOrdernessMs; false: processing time (arrival order, wall clock).")
  @Default.Boolean(true)
  boolean getUsingEventTime();

  void setUsingEventTime(boolean value);

  @Description(
      "Event time only: how far (ms) events may arrive out of order. Events older than the "
          + "watermark are late and go to the late-events output instead of being matched. Note: "
          + "a Kafka partition that is caught up (idle, or holding no record at all) advances the "
          + "watermark with the wall clock, so that it holds no match back, and old (replayed) "
          + "events produced after a pause longer than this are late.")
  @Default.Long(0L)
  long getMaxOutOfOrdernessMs();

  void setMaxOutOfOrdernessMs(long value);

  @Description(
      "Event time only: the event field that orders the events of one key sharing a timestamp "
          + "(numbers by value, then text; events without it last). Empty: arrival order, as "
          + "Flink CEP; but a Beam runner keeps no arrival order across its shuffle, so name a "
          + "field that numbers events in source order (e.g. id) when one key can have two "
          + "events in one millisecond. A dotted name reaches into objects, as for --keyFields.")
  @Default.String("")
  String getTieBreakField();

  void setTieBreakField(String value);

  @Description(
      "true: every rule's partial matches whose window closed are emitted as TIMEOUT alerts; "
          + "false: only for rules whose function column asks for them (e.g. "
          + "io.beamcep.alert.JsonWithTimeouts); the reference's function never does.")
  @Default.Boolean(false)
  boolean getTimeouts();

  void setTimeouts(boolean value);

  @Description(
      "The most partial matches one key may hold for one rule, matches its skip strategy holds "
          + "back included: past it the oldest partial matches are dropped and counted (counter "
          + "partial_matches_dropped_<id>_v<n>) and the held matches that waited for them are "
          + "emitted. Rules with a window stay far below it; a rule without one whose partial "
          + "matches multiply would otherwise take the worker's heap. 0: no limit, as Flink CEP.")
  @Default.Integer(CepMatchConfig.DEFAULT_MAX_PARTIAL_MATCHES_PER_RULE)
  int getMaxPartialMatchesPerRule();

  void setMaxPartialMatchesPerRule(int value);

  // ---- rules ----

  @Description(
      "JDBC URL of the rule database (MariaDB/MySQL, PostgreSQL or H2), e.g. "
          + "jdbc:mariadb://localhost:3306/cep, and of the jdbc sink's table unless "
          + "--resultJdbcUrl names another. With --rulesFile set it is the jdbc sink's only "
          + "(when it is not, giving both is refused).")
  @Default.String("")
  String getJdbcUrl();

  void setJdbcUrl(String value);

  @Description("User for --jdbcUrl.")
  @Default.String("root")
  String getJdbcUser();

  void setJdbcUser(String value);

  @Description(
      "Password for --jdbcUrl. On a command line it is seen by whoever lists the launching "
          + "machine's processes, and stays in shell histories and deployment logs: "
          + "--jdbcPasswordFile keeps it out of them.")
  @Default.String("")
  String getJdbcPassword();

  void setJdbcPassword(String value);

  @Description(
      "A file holding the password for --jdbcUrl (a trailing line break is not part of it), e.g. "
          + "a mounted Kubernetes or Docker secret. Read where the job is launched and carried in "
          + "the job, so the workers need no copy. Empty: --jdbcPassword.")
  @Default.String("")
  String getJdbcPasswordFile();

  void setJdbcPasswordFile(String value);

  @Description(
      "Rule table with columns id, version, pattern, function; the highest version per id that "
          + "compiles is active. Letters, digits and '_' only (optionally schema.table).")
  @Default.String("rds_demo")
  String getTableName();

  void setTableName(String value);

  @Description(
      "How often (ms) the rule table is re-read; added, changed and deleted rules take effect at "
          + "the next poll without restarting the job. A worker that no event reaches for this "
          + "long reads the table from its timers.")
  @Default.Long(3000L)
  long getJdbcIntervalMs();

  void setJdbcIntervalMs(long value);

  @Description(
      "Read the rule table once while the job is built, and refuse to start it when the table "
          + "cannot be read (a wrong URL, table name or password would otherwise leave a job "
          + "running that matches nothing); and refuse a job whose rules are read once for its "
          + "whole run (--rulesFile, or the table of a bounded replay) when one of them is "
          + "refused, naming each problem. Off: the job starts anyway, polls until it can read "
          + "the table (e.g. when only its workers can reach the database), and runs the rules "
          + "that are accepted.")
  @Default.Boolean(true)
  boolean getCheckRulesAtLaunch();

  void setCheckRulesAtLaunch(boolean value);

  @Description(
      "Before the job is submitted, ask the services it reads and writes, and refuse to start it "
          + "when: one of --inputTopic is not on --kafkaBrokers (the job would otherwise be "
          + "submitted, and fail on the cluster with a message that names no topic); "
          + "--outputTopic of the kafka sink, --deadLetterTopic or --webhookDeadLetterTopic is not "
          + "there and the brokers make no topic on a first write; the jdbc sink cannot write to "
          + "--resultTable in the --jdbcUrl database (made there if absent, as the sink makes "
          + "it); the webhook sink's --webhookUrl gives no answer to an OPTIONS request within "
          + "5 s (any status will do); or the brokers do not answer within 15 s. A Kafka topic is "
          + "named beside the brokers' topics nearest to it. Off: the job is submitted without "
          + "asking (e.g. when only its workers can reach the services).")
  @Default.Boolean(true)
  boolean getCheckServicesAtLaunch();

  void setCheckServicesAtLaunch(boolean value);

  @Description(
      "JSON file with an array of rule rows ({id, version, pattern, function}): the job's rules, "
          + "instead of a rule table. The rules never change while the job runs.")
  @Default.String("")
  String getRulesFile();

  void setRulesFile(String value);

  // ---- sinks ----

  @Description(
      "Alert sinks, comma separated, any of: stdout (the reference's text), jsonl "
          + "(--outputFile), kafka (--outputTopic on --kafkaBrokers), jdbc (table "
          + "--resultTable in --jdbcUrl), webhook (POST to --webhookUrl).")
  @Default.String("stdout")
  String getSinks();

  void setSinks(String value);

  @Description(
      "jsonl sink: output path prefix; one JSON alert per line. Streaming writes a file per "
          + "window of --outputWindowSeconds.")
  @Default.String("")
  String getOutputFile();

  void setOutputFile(String value);

  @Description("jsonl sink, streaming only: length (s) of the windows files are written per.")
  @Default.Long(10L)
  long getOutputWindowSeconds();

  void setOutputWindowSeconds(long value);

  @Description("kafka sink: topic the alerts are written to (key = alert key, value = JSON).")
  @Default.String("cep_alerts")
  String getOutputTopic();

  void setOutputTopic(String value);

  @Description(
      "kafka sink: a consumer group name to write the alerts exactly once, in Kafka transactions "
          + "(Beam's exactly-once sink): on the FlinkRunner alerts are written when the checkpoint "
          + "after them completes (--checkpointingInterval is required), and readers with "
          + "isolation.level=read_committed see each alert once, also after a restore (but see "
          + "the README for a failure during a commit when the job restarts in the same JVM). "
          + "Keep the name when the job is restored from a checkpoint or savepoint; give a new "
          + "job a name of its own. Empty: at least once (a restore writes again what followed "
          + "its checkpoint).")
  @Default.String("")
  String getKafkaSinkGroupId();

  void setKafkaSinkGroupId(String value);

  @Description(
      "kafka sink with --kafkaSinkGroupId: how many transactional writers share the alerts, "
          + "round robin, so with more than one a key's alerts may reach the topic out of their "
          + "order. At most the partitions of --outputTopic (a writer keeps its progress under "
          + "one of them; checked when the job is built); keep it when the job is restored.")
  @Default.Integer(1)
  int getKafkaSinkShards();

  void setKafkaSinkShards(int value);

  @Description(
      "webhook sink: the http(s) URL each alert is POSTed to as JSON (what the kafka sink "
          + "writes), with an Idempotency-Key header identifying the alert by what it found, so "
          + "the receiver can drop one sent again (a retry, a restore: at least once); up to 8 "
          + "POSTs at a time, so alerts may arrive out of their order.")
  @Default.String("")
  String getWebhookUrl();

  void setWebhookUrl(String value);

  @Description(
      "webhook sink: a file holding the URL instead of --webhookUrl (a trailing line break is "
          + "not part of it), for an endpoint whose URL is itself the secret (Slack's or Teams' "
          + "incoming webhooks): read where the job is launched, it is then on no command line, "
          + "not among the options Flink's web interface shows, and messages and logs name its "
          + "host alone. Empty: --webhookUrl.")
  @Default.String("")
  String getWebhookUrlFile();

  void setWebhookUrlFile(String value);

  @Description(
      "webhook sink: a file of headers sent with every alert, a line each as 'Name: value' "
          + "(e.g. Authorization: Bearer ...; # starts a comment), read where the job is "
          + "launched. Empty: none.")
  @Default.String("")
  String getWebhookHeadersFile();

  void setWebhookHeadersFile(String value);

  @Description(
      "webhook sink: how often a POST that failed (no connection, no answer within "
          + "--webhookTimeoutMs, HTTP 5xx, 408 or 429) is sent again, after 1 s, 2 s, 4 s, ... "
          + "or the answer's Retry-After; then the bundle fails, which on Flink restarts the job "
          + "from its last checkpoint. Any other answer but a 2xx fails it at once.")
  @Default.Integer(3)
  int getWebhookMaxRetries();

  void setWebhookMaxRetries(int value);

  @Description(
      "webhook sink: what becomes of an alert the endpoint refuses with an answer another "
          + "attempt cannot change (a 4xx but 408 and 429). FAIL: the bundle fails naming the "
          + "alert and the answer, and on Flink the job restarts from its last checkpoint and "
          + "sends it again, so one alert the endpoint never takes (a 413 for one too large) "
          + "stops the job's alerts. SKIP: the alert is logged and counted (webhook_refused) and "
          + "the others go on, so a refusal of every alert (a wrong token) shows only there. "
          + "DEAD_LETTER: as SKIP, and the alert is written to --webhookDeadLetterTopic, so that "
          + "none is lost.")
  @Default.Enum("FAIL")
  WebhookAlerts.OnRefusal getWebhookOnRefusal();

  void setWebhookOnRefusal(WebhookAlerts.OnRefusal value);

  @Description(
      "webhook sink with --webhookOnRefusal=DEAD_LETTER: the Kafka topic on --kafkaBrokers "
          + "that the alerts the endpoint refuses go to, each as it was POSTed (so it can be "
          + "sent again once what was refused is mended), with the endpoint's answer in the "
          + "header beamcep.reason and the alert's id, rule and key in beamcep.source. Not "
          + "--deadLetterTopic, whose records are the job's input.")
  @Default.String("")
  String getWebhookDeadLetterTopic();

  void setWebhookDeadLetterTopic(String value);

  @Description("webhook sink: how long a POST may take to connect, and then to be answered (ms).")
  @Default.Long(10000)
  long getWebhookTimeoutMs();

  void setWebhookTimeoutMs(long value);

  @Description(
      "Kafka topic on --kafkaBrokers that records which cannot be read as events go to, each "
          + "exactly as received (so it can be replayed once its producer is fixed), with the "
          + "reason and the source (topic-partition@offset or file:line) in the headers "
          + "beamcep.reason and beamcep.source; late events (behind what their key was already "
          + "matched up to) go there too, as JSON. Empty: both are only logged.")
  @Default.String("")
  String getDeadLetterTopic();

  void setDeadLetterTopic(String value);

  @Description(
      "jdbc sink: table for alerts in the --jdbcUrl (or --resultJdbcUrl) database; created if "
          + "absent (alert_id, "
          + "rule_id, rule_version, alert_key, kind, detected_at, first_event_time, "
          + "last_event_time, events_json). alert_id identifies an alert by its rule version, key, "
          + "kind and events, so an alert made again (a retried bundle, a restore) is not a "
          + "second row; a table made without that column gets rows at least once.")
  @Default.String("match_results")
  String getResultTable();

  void setResultTable(String value);

  @Description(
      "jdbc sink: how often a bundle's batch of alerts that failed is tried again, on a new "
          + "connection when the old one is gone (a database restart, a connection a proxy "
          + "dropped), waiting 0 s, 1 s, 2 s, ... before the attempts, as Flink's JdbcSink does "
          + "(maxRetries). Then the bundle fails, which on Flink restarts the job from its last "
          + "checkpoint. A retry makes no second row of an alert (alert_id).")
  @Default.Integer(3)
  int getJdbcSinkMaxRetries();

  void setJdbcSinkMaxRetries(int value);

  @Description(
      "jdbc sink: the database of --resultTable when it is not the rule table's, e.g. alerts in "
          + "PostgreSQL beside rules in MariaDB, or under a user that may write where the rules' "
          + "user only reads. The sink then signs in with --resultJdbcUser and "
          + "--resultJdbcPasswordFile. Empty: the --jdbcUrl database, as --jdbcUser.")
  @Default.String("")
  String getResultJdbcUrl();

  void setResultJdbcUrl(String value);

  @Description("User for --resultJdbcUrl. Empty: the driver's default.")
  @Default.String("")
  String getResultJdbcUser();

  void setResultJdbcUser(String value);

  @Description(
      "A file holding the password for --resultJdbcUrl (a trailing line break is not part of "
          + "it). Empty: no password.")
  @Default.String("")
  String getResultJdbcPasswordFile();

  void setResultJdbcPasswordFile(String value);
}
