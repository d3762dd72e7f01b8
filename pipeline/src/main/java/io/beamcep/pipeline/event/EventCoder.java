package io.beamcep.pipeline.event;

import io.beamcep.patterns.event.Event;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Deterministic binary coder for {@link Event}: field order and value types survive the round
 * trip (a Long stays a Long, a BigDecimal keeps its scale), so an event is written to sinks exactly
 * as it was read. Each value is a one-byte type tag followed by its payload.
 */
public final class EventCoder extends CustomCoder<Event> {
  private static final EventCoder INSTANCE = new EventCoder();

  // Type tags: part of the encoded form (state and savepoints hold it), never renumber.
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int FALSE = 2;
  private static final int TRUE = 3;
  private static final int LONG = 4;
  private static final int DOUBLE = 5;
  private static final int BIG_DECIMAL = 6;
  private static final int BIG_INTEGER = 7;
  private static final int LIST = 8;
  private static final int MAP = 9;
  private static final int INT = 10;

  private EventCoder() {}

  public static EventCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Event event, OutputStream outStream) throws IOException {
    if (event == null) {
      throw new CoderException("cannot encode a null Event");
    }
    DataOutputStream out = new DataOutputStream(outStream);
    writeMap(out, event.fields());
    out.flush();
  }

  @Override
  public Event decode(InputStream inStream) throws IOException {
    return Event.of(readMap(new DataInputStream(inStream)));
  }

  @Override
  public void verifyDeterministic() {
    // Maps are written in their iteration order, which Event keeps as the input order.
  }

  private static void writeMap(DataOutputStream out, Map<?, ?> map) throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      writeString(out, String.valueOf(entry.getKey()));
      writeValue(out, entry.getValue());
    }
  }

  private static void writeValue(DataOutputStream out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof String text) {
      out.writeByte(STRING);
      writeString(out, text);
    } else if (value instanceof Boolean bool) {
      out.writeByte(bool ? TRUE : FALSE);
    } else if (value instanceof Long number) {
      out.writeByte(LONG);
      out.writeLong(number);
    } else if (value instanceof Integer number) {
      out.writeByte(INT);
      out.writeInt(number);
    } else if (value instanceof Double number) {
      out.writeByte(DOUBLE);
      out.writeDouble(number);
    } else if (value instanceof BigDecimal number) {
      out.writeByte(BIG_DECIMAL);
      out.writeInt(number.scale());
      writeBytes(out, number.unscaledValue().toByteArray());
    } else if (value instanceof BigInteger number) {
      out.writeByte(BIG_INTEGER);
      writeBytes(out, number.toByteArray());
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object item : list) {
        writeValue(out, item);
      }
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      writeMap(out, map);
    } else {
      throw new CoderException(
          "cannot encode event value of type " + value.getClass().getName() + ": " + value);
    }
  }

  private static Map<String, Object> readMap(DataInputStream in) throws IOException {
    int size = in.readInt();
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      String name = readString(in);
      map.put(name, readValue(in));
    }
    return map;
  }

  private static Object readValue(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return readString(in);
      case FALSE:
        return Boolean.FALSE;
      case TRUE:
        return Boolean.TRUE;
      case LONG:
        return in.readLong();
      case INT:
        return in.readInt();
      case DOUBLE:
        return in.readDouble();
      case BIG_DECIMAL:
        int scale = in.readInt();
        return new BigDecimal(new BigInteger(readBytes(in)), scale);
      case BIG_INTEGER:
        return new BigInteger(readBytes(in));
      case LIST:
        int size = in.readInt();
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(readValue(in));
        }
        return java.util.Collections.unmodifiableList(list);
      case MAP:
        return java.util.Collections.unmodifiableMap(readMap(in));
      default:
        throw new CoderException("corrupt event encoding: unknown value tag " + tag);
    }
  }

  private static void writeString(DataOutputStream out, String text) throws IOException {
    writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new CoderException("corrupt event encoding: negative length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }
}
