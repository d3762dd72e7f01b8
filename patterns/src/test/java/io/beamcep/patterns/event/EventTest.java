package io.beamcep.patterns.event;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An event is an immutable, ordered set of named fields, however it was built. */
class EventTest {

  private static Map<String, Object> clickFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", 7L);
    fields.put("eventType", "view");
    fields.put("price", 12.5);
    fields.put("brand", null);
    return fields;
  }

  @Test
  void fieldsKeepTheirOrderAndValuesIncludingNull() {
    Event event = Event.of(clickFields());

    assertThat(event.fields().keySet(), contains("id", "eventType", "price", "brand"));
    assertThat(event.get("eventType"), is("view"));
    assertThat(event.getDouble("price"), is(12.5));
    assertThat(event.get("brand"), nullValue());
    assertThat(event.fields().containsKey("brand"), is(true));
    assertThat(event.fields().containsKey("userId"), is(false));
    assertThat(event.get("userId"), nullValue());
  }

  @Test
  void aNameBuiltAtRunTimeFindsTheField() {
    Event event = Event.of(clickFields());

    assertThat(event.get(new String("eventType".toCharArray())), is("view"));
  }

  @Test
  void equalsAndHashCodeAgreeWithAnyMapOfTheSameFields() {
    Event fromMap = Event.of(clickFields());
    Event fromArrays = Event.ofFields(
        new String[] {"id", "eventType", "price", "brand"}, new Object[] {7L, "view", 12.5, null});

    assertThat(fromArrays, equalTo(fromMap));
    assertThat(fromArrays.hashCode(), is(fromMap.hashCode()));
    assertThat(fromMap.fields(), equalTo(new HashMap<>(clickFields())));
    assertThat(fromMap.fields().hashCode(), is(clickFields().hashCode()));
  }

  /**
   * Events of more fields than are compared pairwise (32), in the same order and in reverse: equal
   * when every field is, whatever the order; one value changed, or a null value where the other
   * has none of that name, makes them differ.
   */
  @Test
  void wideEventsAreEqualByFieldInAnyOrder() {
    int fields = 40;
    String[] names = new String[fields];
    Object[] values = new Object[fields];
    String[] reversedNames = new String[fields];
    Object[] reversedValues = new Object[fields];
    for (int i = 0; i < fields; i++) {
      names[i] = "f" + i;
      values[i] = i % 5 == 0 ? null : (long) i;
      reversedNames[fields - 1 - i] = names[i];
      reversedValues[fields - 1 - i] = values[i];
    }
    Event event = Event.ofFields(names, values);
    Event reversed = Event.ofFields(reversedNames, reversedValues);

    assertThat(reversed, equalTo(event));
    assertThat(reversed.hashCode(), is(event.hashCode()));
    assertThat(Event.ofFields(names, values.clone()), equalTo(event));

    Object[] changed = reversedValues.clone();
    changed[7] = -1L;
    assertThat(Event.ofFields(reversedNames, changed).equals(event), is(false));
    String[] renamed = reversedNames.clone();
    renamed[fields - 1] = "other"; // f0, whose value is null
    assertThat(Event.ofFields(renamed, reversedValues).equals(event), is(false));
  }

  @Test
  void indexedAccessFollowsArrivalOrder() {
    Event event = Event.ofFields(new String[] {"b", "a"}, new Object[] {1L, 2L});

    assertThat(event.fieldCount(), is(2));
    assertThat(event.fieldName(0), is("b"));
    assertThat(event.fieldValue(1), is(2L));
  }

  /**
   * Every width, around the ten values an event holds in fields of its own: each value reads back
   * by name, by index and through the map, in order; an index past the last is refused; a change
   * in any one value, before or after the tenth, makes the events differ.
   */
  @Test
  void everyValueReadsBackAtEveryWidth() {
    for (int width = 0; width <= 24; width++) {
      String[] names = new String[width];
      Object[] values = new Object[width];
      for (int i = 0; i < width; i++) {
        names[i] = "f" + i;
        values[i] = "v" + i;
      }
      Event event = Event.ofFields(names, values);

      assertThat(event.fieldCount(), is(width));
      for (int i = 0; i < width; i++) {
        assertThat(event.get("f" + i), is("v" + i));
        assertThat(event.fieldValue(i), is("v" + i));
        assertThat(event.fields().get("f" + i), is("v" + i));
      }
      assertThat(new ArrayList<>(event.fields().values()), equalTo(Arrays.asList(values)));
      int past = width;
      assertThrows(IndexOutOfBoundsException.class, () -> event.fieldValue(past));
      assertThrows(IndexOutOfBoundsException.class, () -> event.fieldValue(-1));
      for (int i = 0; i < width; i++) {
        Object[] changed = values.clone();
        changed[i] = "other";
        assertThat("width " + width + ", value " + i,
            Event.ofFields(names, changed).equals(event), is(false));
      }
      assertThat(Event.ofFields(names, values.clone()), equalTo(event));
    }
  }

  @Test
  void theGivenArraysAreCopied() {
    String[] names = {"eventType"};
    Object[] values = {"view"};
    Event event = Event.ofFields(names, values);
    names[0] = "other";
    values[0] = "cart";

    assertThat(event.get("eventType"), is("view"));
    assertThat(event.fields().keySet(), contains("eventType"));
  }

  @Test
  void theFieldsCannotBeChanged() {
    Event event = Event.of(clickFields());

    assertThrows(UnsupportedOperationException.class, () -> event.fields().put("x", 1L));
    assertThrows(UnsupportedOperationException.class,
        () -> event.fields().entrySet().iterator().next().setValue(1L));
  }

  @Test
  void aRepeatedNameOrMismatchedArraysAreRefused() {
    IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
        () -> Event.ofFields(new String[] {"id", "eventType", "id"}, new Object[] {1L, "v", 2L}));
    assertThat(repeated.getMessage(), containsString("field 'id' given twice"));

    // a wide event's names are checked by hashing rather than pairwise: same verdicts
    String[] wide = new String[1_000];
    for (int i = 0; i < wide.length; i++) {
      wide[i] = "f" + i;
    }
    assertThat(Event.ofFields(wide, new Object[wide.length]).fieldCount(), is(1_000));
    wide[999] = "f17";
    IllegalArgumentException repeatedInWide = assertThrows(IllegalArgumentException.class,
        () -> Event.ofFields(wide, new Object[wide.length]));
    assertThat(repeatedInWide.getMessage(), containsString("field 'f17' given twice"));
    wide[999] = null;
    assertThrows(NullPointerException.class, () -> Event.ofFields(wide, new Object[wide.length]));

    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> Event.ofFields(new String[] {"id"}, new Object[] {1L, 2L}));
    assertThat(lengths.getMessage(), containsString("1 field names but 2 values"));

    assertThrows(NullPointerException.class,
        () -> Event.ofFields(new String[] {"id", null}, new Object[] {1L, 2L}));
  }

  @Test
  void aLayoutSeenBeforeIsStillCheckedWhenItChanges() {
    Event.ofFields(new String[] {"id", "eventType"}, new Object[] {1L, "view"});

    assertThrows(IllegalArgumentException.class,
        () -> Event.ofFields(new String[] {"id", "id"}, new Object[] {1L, 2L}));
  }
}
