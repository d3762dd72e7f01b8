package io.beamcep.runners.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The launch shapes we publish templates for. */
public final class TemplateShapes {
  private TemplateShapes() {}

  /** A file's events have no Kafka record time: their time is read from their time field. */
  private static final List<String> TIME_FIELD_FORMATS =
      List.of("SQL_DATETIME", "ISO_8601", "EPOCH_MILLIS", "EPOCH_SECONDS");
  private static final List<String> EVENT_TIME =
      List.of("keyFields", "timeField", "timeFormat", "usingEventTime", "maxOutOfOrdernessMs",
          "tieBreakField", "timeouts", "maxPartialMatchesPerRule");
  private static final List<String> JDBC_RULES =
      List.of("jdbcUrl", "jdbcUser", "jdbcPassword", "jdbcPasswordFile", "tableName",
          "jdbcIntervalMs");
  private static final List<String> SINKS =
      List.of("sinks", "outputFile", "outputWindowSeconds", "outputTopic", "resultTable",
          "resultJdbcUrl", "resultJdbcUser", "resultJdbcPasswordFile", "jdbcSinkMaxRetries",
          "webhookUrl", "webhookUrlFile", "webhookHeadersFile", "webhookMaxRetries",
          "webhookTimeoutMs", "webhookOnRefusal", "webhookDeadLetterTopic");

  public static final TemplateShape KAFKA_TO_ALERTS =
      new TemplateShape(
          "kafka-to-alerts",
          "Streaming alert job: click events from Kafka, rules polled from a JDBC table "
              + "(MariaDB/MySQL, PostgreSQL, H2) and changed while the job runs, alerts to the "
              + "chosen sinks.",
          true,
          Map.of("source", "kafka", "streaming", "true"),
          // a replay reads its table while it is built anyway: only the polled table is checked
          concat(List.of("kafkaBrokers", "kafkaProperties", "inputTopic", "inputTopicPattern",
                  "partitionDiscoveryMs", "inputTopicGroup", "startOffset", "startReadTime",
                  "checkpointingInterval"),
              EVENT_TIME, JDBC_RULES, List.of("checkRulesAtLaunch", "checkServicesAtLaunch"), SINKS,
              List.of("kafkaSinkGroupId", "kafkaSinkShards", "deadLetterTopic")),
          // a streaming job without checkpoints dies at its first failure: the user says how often
          Set.of("jdbcUrl", "checkpointingInterval"),
          Map.of());

  public static final TemplateShape FILE_REPLAY =
      new TemplateShape(
          "file-replay",
          "Bounded replay of a JSON-lines event file against rules from a JDBC table or a rules "
              + "file; the end of the input closes every window.",
          false,
          Map.of("source", "file"),
          // a replay may write its alerts to Kafka: the kafka sink's brokers, and the sinks' check
          concat(List.of("inputFile"), EVENT_TIME, JDBC_RULES,
              List.of("rulesFile", "checkRulesAtLaunch"), SINKS,
              List.of("kafkaBrokers", "kafkaProperties", "checkServicesAtLaunch")),
          Set.of("inputFile"),
          Map.of("timeFormat", TIME_FIELD_FORMATS));

  public static final TemplateShape MATCH =
      new TemplateShape(
          "match",
          "Evaluate a rules file over an events file (event time, bounded) and write every "
              + "alert as one JSON line, each event exactly as read: what 'cep match' runs.",
          false,
          Map.of("source", "file", "sinks", "jsonl", "usingEventTime", "true"),
          List.of("rulesFile", "inputFile", "keyFields", "timeField", "timeFormat", "timeouts",
              "outputFile"),
          Set.of("rulesFile", "inputFile", "outputFile"),
          Map.of("timeFormat", TIME_FIELD_FORMATS));

  public static final List<TemplateShape> ALL = List.of(KAFKA_TO_ALERTS, FILE_REPLAY, MATCH);

  public static Optional<TemplateShape> named(String name) {
    return ALL.stream().filter(shape -> shape.name().equals(name)).findFirst();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }
}
