package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact binary form of an {@link Event}, shared by the key state and the pipeline's coders so
 * both agree byte for byte. Field order and every value type are kept exactly: a value read back is
 * {@code equals} to the one written (a BigDecimal keeps its scale, nested lists and maps keep their
 * order).
 *
 * <p>Layout: varint field count, then per field a string name and a tagged value. Strings are a
 * varint byte length plus UTF-8 (not {@code writeUTF}, which caps at 64 KiB).
 */
public final class EventCodec {
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int TRUE = 2;
  private static final int FALSE = 3;
  private static final int LONG = 4;
  private static final int DOUBLE = 5;
  private static final int BIG_DECIMAL = 6;
  private static final int BIG_INTEGER = 7;
  private static final int LIST = 8;
  private static final int MAP = 9;
  private static final int INTEGER = 10;
  /** A top-level string field value kept in a key state's {@link StringTable} (format 2 only). */
  private static final int TABLE_STRING = 11;

  private EventCodec() {}

  public static void write(DataOutput out, Event event) throws IOException {
    write(out, event, StringTable.PLAIN);
  }

  public static Event read(DataInput in) throws IOException {
    return read(in, StringTable.PLAIN);
  }

  /** Field names go through {@code names}, so a key state stores each name once. */
  static void write(DataOutput out, Event event, StringTable names) throws IOException {
    int size = event.fieldCount();
    writeVarInt(out, size);
    boolean plain = names == StringTable.PLAIN;
    boolean namesKnown = !plain && names.sameNamesAsLast(event);
    for (int i = 0; i < size; i++) {
      if (plain) {
        names.write(out, event.fieldName(i));
      } else {
        names.writeFieldName(out, i, event.fieldName(i), namesKnown);
      }
      Object value = event.fieldValue(i);
      if (!plain && value instanceof String text) {
        // event types, user and product ids repeat across a key's events
        out.writeByte(TABLE_STRING);
        names.write(out, text);
      } else {
        writeValue(out, value);
      }
    }
  }

  static Event read(DataInput in, StringTable names) throws IOException {
    int size = readVarInt(in);
    if (size < 0) {
      throw new IOException("corrupt event: " + Integer.toUnsignedString(size) + " fields");
    }
    // sized by the count only up to a bound: a corrupt count must fail at the end of the input,
    // not by allocating for it
    String[] fieldNames = new String[Math.min(size, 1 << 10)];
    Object[] values = new Object[fieldNames.length];
    for (int i = 0; i < size; i++) {
      if (i == fieldNames.length) {
        fieldNames = Arrays.copyOf(fieldNames, (int) Math.min(size, i * 2L));
        values = Arrays.copyOf(values, fieldNames.length);
      }
      fieldNames[i] = names.read(in);
      int tag = in.readUnsignedByte();
      if (tag == TABLE_STRING && names != StringTable.PLAIN) {
        values[i] = names.readValue(in);
      } else {
        values[i] = readValue(in, tag);
      }
    }
    try {
      return Event.ofFields(fieldNames, values);
    } catch (IllegalArgumentException repeatedName) {
      throw new IOException("corrupt event: " + repeatedName.getMessage(), repeatedName);
    }
  }

  public static byte[] toBytes(Event event) {
    ByteSink bytes = new ByteSink(64);
    try {
      write(bytes, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static Event fromBytes(byte[] bytes) {
    try {
      return read(new ByteSource(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt event bytes", e);
    }
  }

  static void writeValue(DataOutput out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof String text) {
      out.writeByte(STRING);
      writeString(out, text);
    } else if (value instanceof Boolean bool) {
      out.writeByte(bool ? TRUE : FALSE);
    } else if (value instanceof Long number) {
      out.writeByte(LONG);
      writeVarLong(out, zigZag(number));
    } else if (value instanceof Integer number) {
      out.writeByte(INTEGER);
      writeVarLong(out, zigZag(number));
    } else if (value instanceof Double number) {
      out.writeByte(DOUBLE);
      out.writeLong(Double.doubleToRawLongBits(number));
    } else if (value instanceof BigDecimal number) {
      out.writeByte(BIG_DECIMAL);
      writeVarLong(out, zigZag(number.scale()));
      writeBytes(out, number.unscaledValue().toByteArray());
    } else if (value instanceof BigInteger number) {
      out.writeByte(BIG_INTEGER);
      writeBytes(out, number.toByteArray());
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      writeVarInt(out, list.size());
      for (Object element : list) {
        writeValue(out, element);
      }
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      writeVarInt(out, map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writeString(out, String.valueOf(entry.getKey()));
        writeValue(out, entry.getValue());
      }
    } else {
      throw new IllegalArgumentException(
          "cannot encode an event value of type " + value.getClass().getName());
    }
  }

  static Object readValue(DataInput in) throws IOException {
    return readValue(in, in.readUnsignedByte());
  }

  private static Object readValue(DataInput in, int tag) throws IOException {
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return readString(in, false);
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case LONG:
        return unZigZag(readVarLong(in));
      case INTEGER:
        return (int) unZigZag(readVarLong(in));
      case DOUBLE:
        return Double.longBitsToDouble(in.readLong());
      case BIG_DECIMAL:
        {
          int scale = (int) unZigZag(readVarLong(in));
          return new BigDecimal(new BigInteger(readBytes(in)), scale);
        }
      case BIG_INTEGER:
        return new BigInteger(readBytes(in));
      case LIST:
        {
          int size = readVarInt(in);
          List<Object> list = new ArrayList<>(Math.min(size, 1024));
          for (int i = 0; i < size; i++) {
            list.add(readValue(in));
          }
          return Collections.unmodifiableList(list);
        }
      case MAP:
        {
          int size = readVarInt(in);
          Map<String, Object> map = new LinkedHashMap<>(capacity(size));
          for (int i = 0; i < size; i++) {
            String key = readString(in);
            map.put(key, readValue(in));
          }
          return Collections.unmodifiableMap(map);
        }
      default:
        throw new IOException("unknown event value tag " + tag);
    }
  }

  static void writeString(DataOutput out, String text) throws IOException {
    if (out instanceof ByteSink sink && sink.writeAsciiWithLength(text)) {
      return;
    }
    writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
  }

  static String readString(DataInput in) throws IOException {
    return readString(in, true);
  }

  /**
   * A string; {@code repeated} when it is a name (of a field, a rule, a pattern, a state), which
   * every key repeats ({@link DecodedStrings}); a value, mostly an id of its key's own, is made
   * anew.
   */
  static String readString(DataInput in, boolean repeated) throws IOException {
    int length = readLength(in, "string");
    if (in instanceof ByteSource source) {
      return source.readUtf8(length, repeated);
    }
    if (length > STRING_SCRATCH_SIZE) {
      return new String(readBytes(in, length), StandardCharsets.UTF_8);
    }
    // the string copies what it needs: an array per string read was a fifth of a decode's garbage
    byte[] scratch = STRING_SCRATCH.get();
    in.readFully(scratch, 0, length);
    return new String(scratch, 0, length, StandardCharsets.UTF_8);
  }

  /** Strings up to this many bytes are read through a per-thread array. */
  private static final int STRING_SCRATCH_SIZE = 1024;
  private static final ThreadLocal<byte[]> STRING_SCRATCH =
      ThreadLocal.withInitial(() -> new byte[STRING_SCRATCH_SIZE]);

  private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
    writeVarInt(out, bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInput in) throws IOException {
    return readBytes(in, readLength(in, "number"));
  }

  private static int readLength(DataInput in, String of) throws IOException {
    int length = readVarInt(in);
    if (length < 0) {
      throw new IOException("corrupt " + of + " of " + Integer.toUnsignedString(length) + " bytes");
    }
    return length;
  }

  /**
   * The next {@code length} bytes, in an array grown as they are read: a corrupt length fails at
   * the end of the input, not by allocating up to 2 GB for it first.
   */
  private static byte[] readBytes(DataInput in, int length) throws IOException {
    byte[] bytes = new byte[Math.min(length, 1 << 16)];
    in.readFully(bytes);
    while (bytes.length < length) {
      int read = bytes.length;
      bytes = Arrays.copyOf(bytes, (int) Math.min(length, 2L * read));
      in.readFully(bytes, read, bytes.length - read);
    }
    return bytes;
  }

  /** Unsigned LEB128; negative ints take five bytes, so callers zig-zag signed values first. */
  public static void writeVarInt(DataOutput out, int value) throws IOException {
    writeVarLong(out, value & 0xFFFFFFFFL);
  }

  public static int readVarInt(DataInput in) throws IOException {
    long value = readVarLong(in);
    if (value > 0xFFFFFFFFL) {
      throw new IOException("varint too large: " + value);
    }
    return (int) value;
  }

  public static void writeVarLong(DataOutput out, long value) throws IOException {
    if (out instanceof ByteSink sink) {
      sink.writeVarLong(value);
      return;
    }
    while ((value & ~0x7FL) != 0) {
      out.writeByte((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.writeByte((int) value);
  }

  public static long readVarLong(DataInput in) throws IOException {
    if (in instanceof ByteSource source) {
      return source.readVarLong();
    }
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed varint");
  }

  public static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  public static long unZigZag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  private static int capacity(int size) {
    return (int) Math.min(1 << 16, size * 4L / 3 + 1);
  }
}
