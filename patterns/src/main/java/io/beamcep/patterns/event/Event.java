package io.beamcep.patterns.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable event: named fields in the order they came in. Values are {@code null},
 * {@link String}, {@link Boolean}, {@link Long}, {@link Double}, {@link java.math.BigDecimal},
 * {@link java.math.BigInteger}, {@link java.util.List} or {@link Map} (nested JSON), so an event
 * can be written back exactly as it was read.
 */
public final class Event {
  private final Map<String, Object> fields;

  private Event(Map<String, Object> fields) {
    this.fields = fields;
  }

  public static Event of(Map<String, ?> fields) {
    return new Event(Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
  }

  public Object get(String field) {
    return fields.get(field);
  }

  /** The field as text, or null when absent; numbers and booleans are rendered. */
  public String getString(String field) {
    Object value = fields.get(field);
    return value == null ? null : value.toString();
  }

  /** The field as a double, or {@code NaN} when absent or not numeric. */
  public double getDouble(String field) {
    Object value = fields.get(field);
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof String text) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  public Map<String, Object> fields() {
    return fields;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Event event && fields.equals(event.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fields);
  }

  @Override
  public String toString() {
    return "Event" + fields;
  }
}
