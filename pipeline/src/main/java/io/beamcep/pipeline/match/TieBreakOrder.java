package io.beamcep.pipeline.match;

import io.beamcep.patterns.event.Event;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;

/**
 * Orders events of one key that share a timestamp by one field: numbers by value before text,
 * text by its characters, any other value by its text, and events without the field (or with
 * null) last. Equal values compare equal, so a stable sort keeps their arrival order.
 */
final class TieBreakOrder implements Comparator<Event>, Serializable {
  private static final long serialVersionUID = 1L;

  private final String field;

  TieBreakOrder(String field) {
    this.field = field;
  }

  @Override
  public int compare(Event left, Event right) {
    return compareValues(valueOf(left), valueOf(right));
  }

  /**
   * The event's field of that name, else for a dotted name ({@code meta.seq}) the field reached
   * through its objects, as a dotted key or time field is read.
   */
  private Object valueOf(Event event) {
    Object value = event.get(field);
    if (value != null || field.indexOf('.') < 0) {
      return value;
    }
    String[] path = field.split("\\.", -1);
    value = event.get(path[0]);
    for (int i = 1; i < path.length && value != null; i++) {
      value = value instanceof Map<?, ?> object ? object.get(path[i]) : null;
    }
    return value;
  }

  private static int compareValues(Object left, Object right) {
    int byRank = Integer.compare(rank(left), rank(right));
    if (byRank != 0 || left == null) {
      return byRank;
    }
    if (left instanceof Long a && right instanceof Long b) {
      return Long.compare(a, b);
    }
    if (left instanceof Number a && right instanceof Number b) {
      if (!isFinite(a) || !isFinite(b)) {
        // NaN and infinities (never parsed from JSON) have no BigDecimal: use double order.
        return Double.compare(a.doubleValue(), b.doubleValue());
      }
      return decimal(a).compareTo(decimal(b));
    }
    return left.toString().compareTo(right.toString());
  }

  /** Numbers, then text and other values, then absent. */
  private static int rank(Object value) {
    if (value == null) {
      return 2;
    }
    return value instanceof Number ? 0 : 1;
  }

  private static boolean isFinite(Number number) {
    return !(number instanceof Double || number instanceof Float)
        || Double.isFinite(number.doubleValue());
  }

  private static BigDecimal decimal(Number number) {
    if (number instanceof BigDecimal exact) {
      return exact;
    }
    if (number instanceof Double || number instanceof Float) {
      return BigDecimal.valueOf(number.doubleValue());
    }
    return new BigDecimal(number.toString());
  }
}
