package io.beamcep.pipeline.event;

/** How the timestamp field of an event is read, or whether arrival time is used instead. */
public enum TimestampFormat {
  /** Milliseconds since the epoch, as a JSON integer or a string of digits. */
  EPOCH_MILLIS("epoch milliseconds"),
  /** ISO-8601 date-time with offset ({@code 2020-01-01T00:01:00Z}) or without (then UTC). */
  ISO_8601("ISO-8601 date-time"),
  /** {@code yyyy-MM-dd HH:mm:ss[.S]} in UTC, 0 to 9 fraction digits: the reference's format. */
  SQL_DATETIME("yyyy-MM-dd HH:mm:ss[.S]"),
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
