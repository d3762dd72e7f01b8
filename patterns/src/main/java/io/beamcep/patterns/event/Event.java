package io.beamcep.patterns.event;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable event: named fields in the order they came in. Values are {@code null},
 * {@link String}, {@link Boolean}, {@link Long}, {@link Double}, {@link java.math.BigDecimal},
 * {@link java.math.BigInteger}, {@link java.util.List} or {@link Map} (nested JSON), so an event
 * can be written back exactly as it was read.
 */
public final class Event {
  /** How many values an event holds in fields of its own; a wider event keeps the rest apart. */
  static final int INLINE = 10;

  // The values themselves, not an array holding them, up to INLINE: a condition reading a field of
  // an event taken long ago (the seed's InitialCondition does, per partial match) waits for each
  // object on the way in turn, and an array in between was one more of those waits (as a map
  // object before it was) and 16 bytes per held event. Ten fields is the click stream's width.
  private final String[] names;
  private final Object v0;
  private final Object v1;
  private final Object v2;
  private final Object v3;
  private final Object v4;
  private final Object v5;
  private final Object v6;
  private final Object v7;
  private final Object v8;
  private final Object v9;
  /** The values from {@link #INLINE} on; null for an event of at most that many fields. */
  private final Object[] rest;

  /** Takes {@code names} as it is (checked, never written); copies the values. */
  private Event(String[] names, Object[] values) {
    this.names = names;
    int n = values.length;
    v0 = n > 0 ? values[0] : null;
    v1 = n > 1 ? values[1] : null;
    v2 = n > 2 ? values[2] : null;
    v3 = n > 3 ? values[3] : null;
    v4 = n > 4 ? values[4] : null;
    v5 = n > 5 ? values[5] : null;
    v6 = n > 6 ? values[6] : null;
    v7 = n > 7 ? values[7] : null;
    v8 = n > 8 ? values[8] : null;
    v9 = n > 9 ? values[9] : null;
    rest = n > INLINE ? Arrays.copyOfRange(values, INLINE, n) : null;
  }

  /** The event of these fields, in the map's iteration order (copied). */
  public static Event of(Map<String, ?> fields) {
    String[] names = new String[fields.size()];
    Object[] values = new Object[names.length];
    int i = 0;
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      if (i == names.length) {
        throw new IllegalArgumentException("the field map grew while being read");
      }
      names[i] = Objects.requireNonNull(field.getKey(), "field name");
      values[i++] = field.getValue();
    }
    if (i != names.length) {
      throw new IllegalArgumentException("the field map shrank while being read");
    }
    return new Event(names, values);
  }

  /**
   * The event of {@code names[i] = values[i]}, in this order; both arrays are copied. For decoders
   * that read fields one by one, without building a map first.
   *
   * @throws IllegalArgumentException when the arrays differ in length or a name is repeated
   */
  public static Event ofFields(String[] names, Object[] values) {
    if (names.length != values.length) {
      throw new IllegalArgumentException(
          names.length + " field names but " + values.length + " values");
    }
    String[] known = lastNames;
    String[] ownNames;
    if (known != null && Arrays.equals(known, names)) {
      ownNames = known; // a stream's events share one layout: share its checked names too
    } else {
      ownNames = names.clone();
      requireDistinct(ownNames);
      lastNames = ownNames;
    }
    return new Event(ownNames, values);
  }

  /** Up to this many fields, names are compared pairwise: cheaper than hashing each. */
  private static final int PAIRWISE_AT_MOST = 32;

  /**
   * Refuses a null or repeated name. Pairwise for the few fields of a usual event; hashed for a
   * wide one, where comparing every pair made one record of 100,000 fields take 9 s to parse
   * (and as long again each time a key state holding it was decoded).
   */
  private static void requireDistinct(String[] names) {
    if (names.length <= PAIRWISE_AT_MOST) {
      for (int i = 0; i < names.length; i++) {
        String name = Objects.requireNonNull(names[i], "field name");
        for (int j = 0; j < i; j++) {
          if (names[j].equals(name)) {
            throw new IllegalArgumentException("field '" + name + "' given twice");
          }
        }
      }
      return;
    }
    Set<String> seen = new HashSet<>(names.length * 2);
    for (String name : names) {
      if (!seen.add(Objects.requireNonNull(name, "field name"))) {
        throw new IllegalArgumentException("field '" + name + "' given twice");
      }
    }
  }

  /** The names of the last layout {@link #ofFields} checked (never changed once published). */
  private static volatile String[] lastNames;

  /** Number of fields. */
  public int fieldCount() {
    return names.length;
  }

  /** The name of field {@code index} (arrival order), for iterating without a map entry each. */
  public String fieldName(int index) {
    return names[index];
  }

  /**
   * Whether {@code other} holds its names in this event's own array (so they are equal, in
   * order): events read from one source share it, and an encoder that knows a layout skips
   * looking its names up again.
   */
  public boolean sharesNamesWith(Event other) {
    return other != null && other.names == names;
  }

  /** The value of field {@code index} (arrival order). */
  public Object fieldValue(int index) {
    Objects.checkIndex(index, names.length);
    return valueAt(index);
  }

  /** The value at {@code index}, known to be below the field count. */
  Object valueAt(int index) {
    switch (index) {
      case 0: return v0;
      case 1: return v1;
      case 2: return v2;
      case 3: return v3;
      case 4: return v4;
      case 5: return v5;
      case 6: return v6;
      case 7: return v7;
      case 8: return v8;
      case 9: return v9;
      default: return rest[index - INLINE];
    }
  }

  /**
   * Loads this event (not its values), returning a number that means nothing. A matcher reads the
   * event only once its key's state is read, each load waiting for the one before; a host
   * replaying events from memory hands it events out of cache, and loading them up front lets
   * that miss overlap the state's. The values stay unread: the conditions of a rule read few of
   * them, and loading all ten cost more than their misses saved.
   */
  public int touch() {
    // the first and the last field: an event may straddle two cache lines
    return (names == null ? 0 : 1) + (rest == null ? 0 : 2);
  }

  public Object get(String field) {
    int index = EventFields.indexOf(names, field);
    return index < 0 ? null : valueAt(index);
  }

  /** The field as text, or null when absent; numbers and booleans are rendered. */
  public String getString(String field) {
    Object value = get(field);
    return value == null ? null : value.toString();
  }

  /** The field as a double, or {@code NaN} when absent or not numeric. */
  public double getDouble(String field) {
    Object value = get(field);
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

  /** The fields as an immutable map view, in arrival order. */
  public Map<String, Object> fields() {
    return new EventFields(names, this);
  }

  /** Equal fields, in any order (as two maps are equal). */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Event event) || names.length != event.names.length) {
      return false;
    }
    if (names == event.names || Arrays.equals(names, event.names)) {
      for (int i = 0; i < names.length; i++) { // one layout: field by field
        if (!Objects.equals(valueAt(i), event.valueAt(i))) {
          return false;
        }
      }
      return true;
    }
    // in another order: a map's equality looks each name up in the other event, a scan of its
    // names that made comparing two wide events quadratic (190 ms at 30,000 fields)
    Map<String, Object> theirs = names.length > PAIRWISE_AT_MOST
        ? new HashMap<>(event.fields())
        : event.fields();
    return fields().equals(theirs);
  }

  @Override
  public int hashCode() {
    return fields().hashCode();
  }

  @Override
  public String toString() {
    return "Event" + fields();
  }
}
