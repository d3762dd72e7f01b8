package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes each distinct string of one serialized key state once and later occurrences as a small
 * index: pattern, state and field names repeat for every node, partial match and event, and were
 * most of a key's bytes. One instance per encode or decode call (it remembers what it has seen).
 *
 * <p>Written strings are found in an open-addressed table of their own: a HashMap boxed each index
 * and made a node per string, and its lookups were an eighth of an encode. A string is tried by
 * identity first; a decoded key's strings are mostly the ones its decode handed out.
 */
final class StringTable {
  /** No table: every string written in full (the format-1 layout and standalone events). */
  static final StringTable PLAIN = new StringTable(true);

  private final boolean plain;
  /** Writing: the strings seen, at their hash's slot or the next free one after it. */
  private String[] slots;
  /** Writing: per slot, the string's index. */
  private int[] indexes;
  /** Writing: the last event whose field names were written, and each name's index. */
  private Event namesOf;
  private int[] nameIndexes;
  /** Reading: the strings in the order first read. */
  private String[] strings;
  private int count;

  private StringTable(boolean plain) {
    this.plain = plain;
  }

  static StringTable fresh() {
    return new StringTable(false);
  }

  /**
   * Begins writing {@code event}'s fields (not in the plain table): true when the last event begun
   * shares its array of names ({@link Event#sharesNamesWith}), whose indexes {@link
   * #writeFieldName} then writes without looking the names up. A key's events mostly share one.
   */
  boolean sameNamesAsLast(Event event) {
    boolean same = event.sharesNamesWith(namesOf);
    namesOf = event;
    if (!same && (nameIndexes == null || nameIndexes.length < event.fieldCount())) {
      nameIndexes = new int[Math.max(16, event.fieldCount())];
    }
    return same;
  }

  /** Writes the name of field {@code field} of the event begun, as {@link #write} would. */
  void writeFieldName(DataOutput out, int field, String name, boolean known) throws IOException {
    if (known) {
      EventCodec.writeVarInt(out, nameIndexes[field] + 1);
    } else {
      nameIndexes[field] = write(out, name);
    }
  }

  /** Writes {@code text} in full or as the index it got when written first; returns the index. */
  int write(DataOutput out, String text) throws IOException {
    if (plain) {
      EventCodec.writeString(out, text);
      return -1;
    }
    if (slots == null) {
      // a key's events hold a hundred distinct strings or so: growing from less was an eighth
      // of an encode
      slots = new String[256];
      indexes = new int[256];
    }
    int mask = slots.length - 1;
    int hash = text.hashCode();
    int slot = (hash ^ (hash >>> 16)) & mask;
    for (String known = slots[slot]; known != null; known = slots[slot]) {
      if (known == text || known.hashCode() == hash && known.equals(text)) {
        EventCodec.writeVarInt(out, indexes[slot] + 1);
        return indexes[slot];
      }
      slot = (slot + 1) & mask;
    }
    EventCodec.writeVarInt(out, 0);
    EventCodec.writeString(out, text);
    slots[slot] = text;
    int index = count++;
    indexes[slot] = index;
    if (count * 2 > slots.length) {
      rehash();
    }
    return index;
  }

  private void rehash() {
    String[] oldSlots = slots;
    int[] oldIndexes = indexes;
    slots = new String[oldSlots.length * 2];
    indexes = new int[slots.length];
    int mask = slots.length - 1;
    for (int i = 0; i < oldSlots.length; i++) {
      String text = oldSlots[i];
      if (text != null) {
        int hash = text.hashCode();
        int slot = (hash ^ (hash >>> 16)) & mask;
        while (slots[slot] != null) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = text;
        indexes[slot] = oldIndexes[i];
      }
    }
  }

  /** A name: of a field, a rule, a pattern or a state. */
  String read(DataInput in) throws IOException {
    return read(in, true);
  }

  /** A field's text value (ids, mostly of a key's own). */
  String readValue(DataInput in) throws IOException {
    return read(in, false);
  }

  private String read(DataInput in, boolean repeated) throws IOException {
    if (plain) {
      return EventCodec.readString(in, repeated);
    }
    int tag = EventCodec.readVarInt(in);
    if (tag == 0) {
      String text = EventCodec.readString(in, repeated);
      if (strings == null) {
        strings = new String[32];
      } else if (count == strings.length) {
        strings = Arrays.copyOf(strings, count * 2);
      }
      strings[count++] = text;
      return text;
    }
    if (tag < 0 || tag > count) {
      throw new IOException("string reference " + tag + " beyond the " + count + " seen");
    }
    return strings[tag - 1];
  }
}
