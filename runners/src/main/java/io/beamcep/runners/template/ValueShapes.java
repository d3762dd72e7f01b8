package io.beamcep.runners.template;

import io.beamcep.pipeline.event.TimestampFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a valid value of a free-text option looks like. Types give the regex for numbers, booleans
 * and enums; these are the string options whose shape we know and can check before a job starts.
 * The pipeline module cannot carry a runners annotation, so the knowledge lives here, keyed by
 * option name; a test checks every key still names a real option.
 */
final class ValueShapes {
  private ValueShapes() {}

  private static final String HOST_PORT = "[A-Za-z0-9._-]+:[0-9]{1,5}";
  private static final String TOPIC = "[A-Za-z0-9._-]+";
  private static final String FIELD = "[A-Za-z_][A-Za-z0-9_.]*";
  private static final String SINK = "stdout|jsonl|kafka|jdbc|webhook";

  static final Map<String, String> BY_OPTION =
      Map.ofEntries(
          Map.entry("kafkaBrokers", "^" + HOST_PORT + "(," + HOST_PORT + ")*$"),
          Map.entry("inputTopic", "^" + TOPIC + "(," + TOPIC + ")*$"),
          Map.entry("outputTopic", "^" + TOPIC + "$"),
          Map.entry("webhookDeadLetterTopic", "^(" + TOPIC + ")?$"),
          Map.entry("jdbcUrl", "^(jdbc:[a-z0-9]+:.+)?$"),
          Map.entry("resultJdbcUrl", "^(jdbc:[a-z0-9]+:.+)?$"),
          Map.entry("tableName", "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$"),
          Map.entry("resultTable", "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$"),
          Map.entry("keyFields", "^" + FIELD + "(," + FIELD + ")*$"),
          Map.entry("timeField", "^" + FIELD + "$"),
          // processing time is --usingEventTime=false, not a format of the time field
          Map.entry("timeFormat", oneOf(Arrays.stream(TimestampFormat.values())
              .filter(format -> format != TimestampFormat.PROCESSING_TIME)
              .map(TimestampFormat::name).toList())),
          Map.entry("webhookUrl", "^(https?://.+)?$"),
          // ISO-8601 with its offset, or epoch milliseconds (KafkaStartOffsets.parseTime)
          Map.entry("startReadTime", "^(-?[0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2}T.+)?$"),
          Map.entry("sinks", "^(" + SINK + ")(,(" + SINK + "))*$"));

  /** Any of {@code values}, in any case, as the job reads them. */
  static String oneOf(List<String> values) {
    return "^(?i)(" + String.join("|", values) + ")$";
  }
}
