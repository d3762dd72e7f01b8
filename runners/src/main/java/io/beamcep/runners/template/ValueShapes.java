package io.beamcep.runners.template;

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

  static final Map<String, String> BY_OPTION =
      Map.of(
          "kafkaBrokers", "^" + HOST_PORT + "(," + HOST_PORT + ")*$",
          "inputTopic", "^" + TOPIC + "(," + TOPIC + ")*$",
          "outputTopic", "^" + TOPIC + "$",
          "jdbcUrl", "^(jdbc:[a-z0-9]+:.+)?$",
          "resultJdbcUrl", "^(jdbc:[a-z0-9]+:.+)?$",
          "tableName", "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$",
          "resultTable", "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$",
          "keyFields", "^" + FIELD + "(," + FIELD + ")*$",
          "timeField", "^" + FIELD + "$",
          "sinks", "^(stdout|jsonl|kafka|jdbc)(,(stdout|jsonl|kafka|jdbc))*$");
}
