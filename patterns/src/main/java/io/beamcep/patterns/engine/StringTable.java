package io.beamcep.patterns.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each distinct string of one serialized key state once and later occurrences as a small
 * index: pattern, state and field names repeat for every node, partial match and event, and were
 * most of a key's bytes. One instance per encode or decode call (it remembers what it has seen).
 */
final class StringTable {
  /** No table: every string written in full (the format-1 layout and standalone events). */
  static final StringTable PLAIN = new StringTable(true);

  private final boolean plain;
  /** Sized for a key's usual few dozen distinct strings, which a default map resized twice for. */
  private final Map<String, Integer> indexes = new HashMap<>(64);
  private final List<String> strings = new ArrayList<>();

  private StringTable(boolean plain) {
    this.plain = plain;
  }

  static StringTable fresh() {
    return new StringTable(false);
  }

  void write(DataOutput out, String text) throws IOException {
    if (plain) {
      EventCodec.writeString(out, text);
      return;
    }
    Integer index = indexes.get(text);
    if (index != null) {
      EventCodec.writeVarInt(out, index + 1);
    } else {
      EventCodec.writeVarInt(out, 0);
      EventCodec.writeString(out, text);
      indexes.put(text, strings.size());
      strings.add(text);
    }
  }

  String read(DataInput in) throws IOException {
    if (plain) {
      return EventCodec.readString(in);
    }
    int tag = EventCodec.readVarInt(in);
    if (tag == 0) {
      String text = EventCodec.readString(in);
      strings.add(text);
      return text;
    }
    if (tag > strings.size()) {
      throw new IOException("string reference " + tag + " beyond the " + strings.size() + " seen");
    }
    return strings.get(tag - 1);
  }
}
