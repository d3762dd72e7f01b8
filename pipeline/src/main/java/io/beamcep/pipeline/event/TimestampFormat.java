package io.beamcep.pipeline.event;

/**
 * How the timestamp field of an event is read, or whether the Kafka record's timestamp or the
 * arrival time is used instead.
 */
public enum TimestampFormat {
  /** Milliseconds since the epoch, as a JSON integer or a string of digits. */
  EPOCH_MILLIS("epoch milliseconds"),
  /**
   * Seconds since the epoch (a Unix time), whole or with a fraction, as a JSON number or a string
   * of them; a fraction finer than a millisecond is cut off.
   */
  EPOCH_SECONDS("epoch seconds"),
  /** ISO-8601 date-time with offset ({@code 2020-01-01T00:01:00Z}) or without (then UTC). */
  ISO_8601("ISO-8601 date-time"),
  /** {@code yyyy-MM-dd HH:mm:ss[.S]} in UTC, 0 to 9 fraction digits: the reference's format. */
  SQL_DATETIME("yyyy-MM-dd HH:mm:ss[.S]"),
  /**
   * The timestamp field is not read; events take the timestamp Kafka keeps with each record (its
   * producer's or the broker's, by the topic's {@code message.timestamp.type}), as Flink's Kafka
   * source gives by default. Kafka sources only.
   */
  KAFKA_TIMESTAMP("the Kafka record's timestamp"),
  /** The timestamp field is not read; events take their arrival (processing) time. */
  PROCESSING_TIME("processing time");

  private final String description;

  TimestampFormat(String description) {
    this.description = description;
  }

  /** The name used in parse error reasons, e.g. "yyyy-MM-dd HH:mm:ss[.S]". */
  public String description() {
    return description;
  }
}
