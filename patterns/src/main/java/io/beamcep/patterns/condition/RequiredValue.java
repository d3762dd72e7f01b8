package io.beamcep.patterns.condition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The values a condition needs in one field, one of which it needs: the condition answers false,
 * and does not throw, for every event whose {@code field} holds none of {@code values} ({@link
 * Condition#requiredValue}), or, when {@code kindOnly}, for every such event whose field is absent
 * or holds a value of the same kind, text for text and a number for a number (an expression
 * compares values of other kinds by rules of its own, and may throw on them). Numbers are equal
 * when their double values are, as {@code FieldEquals} compares them; any other value by {@code
 * equals}, a number never equal to a non-number; null is the field's absence.
 *
 * <p>A matcher uses it to find which of many such conditions an event can meet by one lookup of
 * the event's value ({@link #keyOf}), rather than by testing each: a rule table whose rules start
 * on {@code FieldEquals [productId, ...]} of a thousand products tests one or none of them per
 * event.
 *
 * @param field the field's name
 * @param values one or more values, each a String, Boolean or Number (not NaN), or null; of one
 *     kind when {@code kindOnly}
 * @param kindOnly whether the condition is known to answer false only for absence and values of
 *     the required values' kind
 */
public record RequiredValue(String field, List<Object> values, boolean kindOnly) {
  /** A key no value's {@link #keyOf} equals: NaN meets no required number. */
  private static final Object MEETS_NOTHING = new Object();

  public RequiredValue {
    Objects.requireNonNull(field, "field");
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no value to require in " + field);
    }
    for (Object value : values) {
      if (!isIndexable(value)) {
        throw new IllegalArgumentException("not a value to require: " + value);
      }
      if (kindOnly && !sameKind(values.get(0), value)) {
        throw new IllegalArgumentException(
            "values of one kind only may be required by kind: " + values);
      }
    }
    values = Collections.unmodifiableList(new ArrayList<>(values)); // null stands for absence
  }

  /** The requirement of the one value {@code value}. */
  public RequiredValue(String field, Object value, boolean kindOnly) {
    this(field, Collections.singletonList(value), kindOnly);
  }

  /**
   * The requirement of {@code value} in {@code field} whatever the field holds, or null when the
   * value is not one kept.
   */
  public static RequiredValue ofOrNull(String field, Object value) {
    return isIndexable(value) ? new RequiredValue(field, value, false) : null;
  }

  /**
   * What a condition requires that holds when any of conditions requiring {@code parts} holds: any
   * of their values, when all require values in one field, alike in {@code kindOnly} and, if so,
   * in kind; else null (so also when a part is null, requiring nothing known).
   */
  public static RequiredValue anyOf(List<RequiredValue> parts) {
    if (parts.isEmpty() || parts.get(0) == null) {
      return null;
    }
    RequiredValue first = parts.get(0);
    Set<Object> values = new LinkedHashSet<>();
    for (RequiredValue part : parts) {
      if (part == null || !part.field.equals(first.field) || part.kindOnly != first.kindOnly
          || first.kindOnly && !sameKind(first.values.get(0), part.values.get(0))) {
        return null;
      }
      values.addAll(part.values);
    }
    return new RequiredValue(first.field, new ArrayList<>(values), first.kindOnly);
  }

  /**
   * Whether this requirement says the condition is false for an event whose field holds {@code
   * actual} (null when absent): the value meets none of the values, and is absent or of their
   * kind unless the requirement holds whatever the field holds.
   */
  public boolean rulesOut(Object actual) {
    return !isMetBy(actual) && (!kindOnly || actual == null || isOfItsKind(actual));
  }

  /**
   * Whether {@code actual} (null when absent) is of the required values' kind: both text, both
   * numbers, or else of one class.
   */
  public boolean isOfItsKind(Object actual) {
    return sameKind(values.get(0), actual);
  }

  private static boolean sameKind(Object value, Object actual) {
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
    return keys().contains(keyOf(actual));
  }

  /** The keys an event's value may have to meet this requirement ({@link #keyOf}), distinct. */
  public List<Object> keys() {
    Set<Object> keys = new LinkedHashSet<>();
    for (Object value : values) {
      keys.add(keyOf(value));
    }
    return new ArrayList<>(keys);
  }

  /**
   * The key of a field's value, {@code actual} (null when absent): equal to one of a requirement's
   * {@link #keys} exactly when the value meets it. A number's is its double value, with -0.0 as
   * 0.0 (they are equal as numbers); null's is null; any other value's is the value itself.
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
