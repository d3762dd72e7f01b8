package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.event.Event;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  @Test
  void everyValueTypeRoundTripsExactlyAndKeepsFieldOrder() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", 1L);
    nested.put("a", Arrays.asList("x", null, false));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("zeta", "text with ünïcode ✓");
    fields.put("alpha", null);
    fields.put("yes", true);
    fields.put("no", false);
    fields.put("long", Long.MIN_VALUE);
    fields.put("small", -3L);
    fields.put("int", 42);
    fields.put("double", -0.0d);
    fields.put("nan", Double.NaN);
    fields.put("decimal", new BigDecimal("1234.5000"));
    fields.put("negDecimal", new BigDecimal("-1E+5"));
    fields.put("bigint", new BigInteger("-123456789012345678901234567890"));
    fields.put("list", List.of(1L, 2.5d, "three", List.of()));
    fields.put("map", nested);
    fields.put("", "");
    Event event = Event.of(fields);

    Event back = EventCodec.fromBytes(EventCodec.toBytes(event));

    assertEquals(event, back);
    assertEquals(new ArrayList<>(fields.keySet()), new ArrayList<>(back.fields().keySet()));
    assertEquals(4, ((BigDecimal) back.get("decimal")).scale());
    assertEquals(Integer.class, back.get("int").getClass());
    assertEquals(
        new ArrayList<>(nested.keySet()),
        new ArrayList<>(((Map<?, ?>) back.get("map")).keySet()));
    assertArrayEquals(EventCodec.toBytes(event), EventCodec.toBytes(back));
  }

  @Test
  void longStringsBeyondModifiedUtfLimitRoundTrip() {
    String big = "x".repeat(70_000);
    Event event = Event.of(Map.of("big", big));
    assertEquals(event, EventCodec.fromBytes(EventCodec.toBytes(event)));
  }

  @Test
  void emptyEventIsOneByte() {
    assertEquals(1, EventCodec.toBytes(Event.of(Map.of())).length);
  }

  @Test
  void unsupportedValueTypeIsRefusedWithItsClassName() {
    Event event = Event.of(Map.of("when", new java.util.Date(0)));
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> EventCodec.toBytes(event));
    assertEquals("cannot encode an event value of type java.util.Date", error.getMessage());
  }

  @Test
  void truncatedBytesFailLoudly() {
    byte[] bytes = EventCodec.toBytes(Event.of(Map.of("a", "hello")));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 2);
    assertThrows(RuntimeException.class, () -> EventCodec.fromBytes(cut));
  }

  @Test
  void aFieldNameRepeatedInTheBytesIsCorruptNotSilentlyDropped() {
    byte[] bytes = EventCodec.toBytes(Event.of(Map.of("ab", "x")));
    byte[] twice = new byte[1 + 2 * (bytes.length - 1)];
    twice[0] = 2; // two fields, both the same name
    System.arraycopy(bytes, 1, twice, 1, bytes.length - 1);
    System.arraycopy(bytes, 1, twice, bytes.length, bytes.length - 1);

    UncheckedIOException error =
        assertThrows(UncheckedIOException.class, () -> EventCodec.fromBytes(twice));
    assertEquals("corrupt event: field 'ab' given twice", error.getCause().getMessage());
  }

  /** A string whose length reads as negative is corrupt, not a NegativeArraySizeException. */
  @Test
  void aStringOfNegativeLengthIsCorrupt() {
    // one field named "a", a string value of length 0xFFFFFFFF
    byte[] bytes = {1, 1, 'a', 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    UncheckedIOException error =
        assertThrows(UncheckedIOException.class, () -> EventCodec.fromBytes(bytes));
    assertEquals("corrupt string of 4294967295 bytes", error.getCause().getMessage());
  }

  /** A big number of 2 GB less a byte, in a few bytes: fails at their end, allocating 64 KB. */
  @Test
  void aHugeValueLengthFailsAtTheEndOfTheBytesWithoutAllocatingForIt() {
    // one field named "a", a BigInteger (tag 7) of 0x7FFFFFFF bytes, then one byte
    byte[] bytes = {1, 1, 'a', 7, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 5};
    long allocated = allocatedBytes();
    assertThrows(UncheckedIOException.class, () -> EventCodec.fromBytes(bytes));
    assertEquals(true, allocatedBytes() - allocated < 1 << 20, "allocated for the length");
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
        .getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  @Test
  void aHugeFieldCountFailsAtTheEndOfTheBytesWithoutAllocatingForIt() {
    byte[] bytes = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0};
    assertThrows(UncheckedIOException.class, () -> EventCodec.fromBytes(bytes));
  }
}
