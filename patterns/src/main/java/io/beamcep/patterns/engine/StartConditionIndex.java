package io.beamcep.patterns.engine;

import io.beamcep.patterns.condition.RequiredValue;
import io.beamcep.patterns.nfa.Guard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The matcher's groups of rules by start condition (Matcher#rulesToVisit), found per event by the
 * value their condition requires in a field ({@link RequiredValue}) where it requires one: one
 * lookup of the event's value in that field gives the only groups whose condition may answer
 * anything but false, and the rest of that field's groups are not asked. A rule table of a
 * thousand rules starting on {@code FieldEquals [productId, ...]} asked a thousand conditions per
 * event, of which one or none could hold. Groups whose condition requires nothing known are asked
 * on every event, as before, and so are those whose requirement holds for its own kind of value
 * only ({@link RequiredValue#kindOnly}) when the event's value there is of another kind.
 */
final class StartConditionIndex {
  private static final int[] NONE = new int[0];

  /** The fields some group's condition requires a value in. */
  private final String[] fields;
  /** Per field, the groups by the {@link RequiredValue#key} their condition requires. */
  private final List<Map<Object, int[]>> groupsByKey;
  /**
   * Per field, the groups whose requirement there holds for its own kind of value only: those
   * requiring text (asked for a value of any other kind), those requiring a number (asked for
   * any other), and both (asked for a value neither text nor a number).
   */
  private final int[][] unsureOfNonText;
  private final int[][] unsureOfNonNumbers;
  private final int[][] unsureOfOthers;
  /** The groups whose condition requires no known value, asked on every event. */
  private final int[] askedAlways;

  private StartConditionIndex(String[] fields, List<Map<Object, int[]>> groupsByKey,
      int[][] unsureOfNonText, int[][] unsureOfNonNumbers, int[][] unsureOfOthers,
      int[] askedAlways) {
    this.fields = fields;
    this.groupsByKey = groupsByKey;
    this.unsureOfNonText = unsureOfNonText;
    this.unsureOfNonNumbers = unsureOfNonNumbers;
    this.unsureOfOthers = unsureOfOthers;
    this.askedAlways = askedAlways;
  }

  /** The index of the groups whose conditions are the leaves {@code groupLeaves}, in order. */
  static StartConditionIndex of(Guard[] groupLeaves) {
    Map<String, Map<Object, List<Integer>>> byField = new LinkedHashMap<>();
    Map<String, List<Integer>> textOnly = new HashMap<>();
    Map<String, List<Integer>> numbersOnly = new HashMap<>();
    List<Integer> always = new ArrayList<>();
    for (int group = 0; group < groupLeaves.length; group++) {
      RequiredValue required = groupLeaves[group].requiredValue();
      if (required == null) {
        always.add(group);
        continue;
      }
      Map<Object, List<Integer>> byKey =
          byField.computeIfAbsent(required.field(), field -> new HashMap<>());
      for (Object key : required.keys()) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(group);
      }
      if (required.kindOnly()) {
        (required.values().get(0) instanceof Number ? numbersOnly : textOnly)
            .computeIfAbsent(required.field(), field -> new ArrayList<>()).add(group);
      }
    }
    String[] fields = byField.keySet().toArray(new String[0]);
    List<Map<Object, int[]>> groupsByKey = new ArrayList<>();
    int[][] unsureOfNonText = new int[fields.length][];
    int[][] unsureOfNonNumbers = new int[fields.length][];
    int[][] unsureOfOthers = new int[fields.length][];
    for (int field = 0; field < fields.length; field++) {
      Map<Object, int[]> frozen = new HashMap<>();
      byField.get(fields[field]).forEach((key, groups) -> frozen.put(key, ints(groups)));
      groupsByKey.add(frozen);
      List<Integer> text = textOnly.getOrDefault(fields[field], List.of());
      List<Integer> numbers = numbersOnly.getOrDefault(fields[field], List.of());
      unsureOfNonText[field] = ints(text);
      unsureOfNonNumbers[field] = ints(numbers);
      List<Integer> both = new ArrayList<>(text);
      both.addAll(numbers);
      unsureOfOthers[field] = ints(both);
    }
    return new StartConditionIndex(fields, groupsByKey, unsureOfNonText, unsureOfNonNumbers,
        unsureOfOthers, ints(always));
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  /** How many fields groups are found by ({@link #groupsMeeting}). */
  int fieldCount() {
    return fields.length;
  }

  /** The name of field number {@code field}. */
  String field(int field) {
    return fields[field];
  }

  /**
   * The groups found by field number {@code field} whose condition an event holding {@code value}
   * there (null when absent) meets: those requiring that value. Of the field's other groups, those
   * of {@link #groupsUnsure} must still be asked, and the rest answer false.
   */
  int[] groupsMeeting(int field, Object value) {
    int[] groups = groupsByKey.get(field).get(RequiredValue.keyOf(value));
    return groups == null ? NONE : groups;
  }

  /**
   * The groups found by field number {@code field} whose requirement says nothing of {@code
   * value}: those holding for their own kind of value only, when the value is of another kind.
   */
  int[] groupsUnsure(int field, Object value) {
    if (value == null) {
      return NONE;
    }
    if (value instanceof String) {
      return unsureOfNonNumbers[field];
    }
    return value instanceof Number ? unsureOfNonText[field] : unsureOfOthers[field];
  }

  /** Per field, how many groups are found by their values there. */
  Map<String, Integer> groupsByField() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int field = 0; field < fields.length; field++) {
      Set<Integer> groups = new HashSet<>();
      for (int[] ofValue : groupsByKey.get(field).values()) {
        for (int group : ofValue) {
          groups.add(group);
        }
      }
      counts.put(fields[field], groups.size());
    }
    return counts;
  }

  /** The groups whose condition requires no known value: asked on every event. */
  int[] askedAlways() {
    return askedAlways;
  }
}
