package io.beamcep.pipeline.event;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How raw JSON records become keyed, timestamped events. Immutable; start from {@link #defaults()}
 * (key {@code userId}, time {@code eventTime} as {@code yyyy-MM-dd HH:mm:ss[.S]} UTC, the
 * reference system's click stream) and change with {@code withX}.
 */
public final class EventParseConfig implements Serializable {
  private final KeyFields keyFields;
  private final String timestampField;
  private final TimestampFormat timestampFormat;

  private EventParseConfig(
      KeyFields keyFields, String timestampField, TimestampFormat timestampFormat) {
    this.keyFields = Objects.requireNonNull(keyFields, "keyFields");
    this.timestampField = Objects.requireNonNull(timestampField, "timestampField");
    this.timestampFormat = Objects.requireNonNull(timestampFormat, "timestampFormat");
    if (timestampField.isBlank()) {
      throw new IllegalArgumentException("timestamp field name must not be blank");
    }
  }

  public static EventParseConfig defaults() {
    return new EventParseConfig(KeyFields.of("userId"), "eventTime", TimestampFormat.SQL_DATETIME);
  }

  public EventParseConfig withKeyFields(String... names) {
    return new EventParseConfig(new KeyFields(List.of(names)), timestampField, timestampFormat);
  }

  public EventParseConfig withKeyFields(KeyFields fields) {
    return new EventParseConfig(fields, timestampField, timestampFormat);
  }

  public EventParseConfig withTimestampField(String field) {
    return new EventParseConfig(keyFields, field, timestampFormat);
  }

  public EventParseConfig withTimestampFormat(TimestampFormat format) {
    return new EventParseConfig(keyFields, timestampField, format);
  }

  public KeyFields keyFields() {
    return keyFields;
  }

  public String timestampField() {
    return timestampField;
  }

  public TimestampFormat timestampFormat() {
    return timestampFormat;
  }

  public boolean usesProcessingTime() {
    return timestampFormat == TimestampFormat.PROCESSING_TIME;
  }

  /**
   * False when events keep the timestamp their source gave them (arrival, or the Kafka record's),
   * so that the timestamp field is not read.
   */
  public boolean readsTimestampField() {
    return timestampFormat != TimestampFormat.PROCESSING_TIME
        && timestampFormat != TimestampFormat.KAFKA_TIMESTAMP;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EventParseConfig config
        && keyFields.equals(config.keyFields)
        && timestampField.equals(config.timestampField)
        && timestampFormat == config.timestampFormat;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyFields, timestampField, timestampFormat);
  }

  @Override
  public String toString() {
    return "EventParseConfig{key=" + keyFields.names() + ", timestamp=" + timestampField + " as "
        + timestampFormat.description() + "}";
  }
}
