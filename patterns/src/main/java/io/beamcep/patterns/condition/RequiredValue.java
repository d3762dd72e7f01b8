package io.beamcep.patterns.condition;

import java.util.Objects;

/**
 * A value a condition needs in one field: the condition answers false, and does not throw, for
 * every event whose {@code field} does not hold {@code value} ({@link Condition#requiredValue}),
 * or, when {@code kindOnly}, for every such event whose field is absent or holds a value of the
 * same kind, text for text and a number for a number (an expression compares values of other
 * kinds by rules of its own, and may throw on them). Numbers are equal when their double values
 * are, as {@code FieldEquals} compares them; any other value by {@code equals}, a number never
 * equal to a non-number; null is the field's absence.
 *
 * <p>A matcher uses it to find which of many such conditions an event can meet by one lookup of
 * the event's value ({@link #keyOf}), rather than by testing each: a rule table whose rules start
 * on {@code FieldEquals [productId, ...]} of a thousand products tests one or none of them per
 * event.
 *
 * @param field the field's name
 * @param value a String, Boolean or Number (not NaN), or null
 * @param kindOnly whether the condition is known to answer false only for absence and values of
 *     the required value's kind
 */
public record RequiredValue(String field, Object value, boolean kindOnly) {
  /** A key no value's {@link #keyOf} equals: NaN meets no required number. */
  private static final Object MEETS_NOTHING = new Object();

  public RequiredValue {
    Objects.requireNonNull(field, "field");
    if (!isIndexable(value)) {
      throw new IllegalArgumentException("not a value to require: " + value);
    }
  }

  /**
   * The requirement of {@code value} in {@code field} whatever the field holds, or null when the
   * value is not one kept.
   */
  public static RequiredValue ofOrNull(String field, Object value) {
    return isIndexable(value) ? new RequiredValue(field, value, false) : null;
  }

  /**
   * Whether this requirement says the condition is false for an event whose field holds {@code
   * actual} (null when absent): the value does not meet it, and is absent or of the required
   * value's kind unless the requirement holds whatever the field holds.
   */
  public boolean rulesOut(Object actual) {
    return !isMetBy(actual) && (!kindOnly || actual == null || isOfItsKind(actual));
  }

  /**
   * Whether {@code actual} (null when absent) is of the required value's kind: both text, both
   * numbers, or else of one class.
   */
  public boolean isOfItsKind(Object actual) {
    if (value instanceof Number) {
      return actual instanceof Number;
    }
    return value == null ? actual == null : actual != null && value.getClass() == actual.getClass();
  }

  private static boolean isIndexable(Object value) {
    return value == null || value instanceof String || value instanceof Boolean
        || value instanceof Number number && !Double.isNaN(number.doubleValue());
  }

  /** Whether a field holding {@code actual} (null when absent) meets this requirement. */
  public boolean isMetBy(Object actual) {
    return Objects.equals(key(), keyOf(actual));
  }

  /** The key an event's value must have to meet this requirement ({@link #keyOf}). */
  public Object key() {
    return keyOf(value);
  }

  /**
   * The key of a field's value, {@code actual} (null when absent): equal to a requirement's
   * {@link #key} exactly when the value meets it. A number's is its double value, with -0.0 as 0.0
   * (they are equal as numbers); null's is null; any other value's is the value itself.
   */
  public static Object keyOf(Object actual) {
    if (actual instanceof Number number) {
      double d = number.doubleValue();
      if (Double.isNaN(d)) {
        return MEETS_NOTHING;
      }
      return d == 0.0 ? 0.0 : d;
    }
    return actual;
  }
}
