package io.beamcep.patterns.engine;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array to encode into: ByteArrayOutputStream without its lock. The codecs write a
 * byte at a time (tags, varints), and ByteArrayOutputStream takes a monitor for each one: with
 * biased locking gone from Java 17, an atomic instruction per byte, the most of encoding a key.
 * Public so that a host's coders can encode into one too.
 *
 * <p>It is its own {@link DataOutput} (big-endian, as DataOutputStream), so the codecs write into
 * it with no stream in between, and it writes varints and ASCII strings in one call each.
 */
public class ByteSink extends OutputStream implements DataOutput {
  /** The largest array a JVM reliably allocates. */
  private static final int MAX_SIZE = Integer.MAX_VALUE - 8;
  /** Larger arrays are not kept for the thread's next encode (see {@link #clear}). */
  private static final int KEEP_AT_MOST = 1 << 16;
  private static final ThreadLocal<ByteSink> PER_THREAD =
      ThreadLocal.withInitial(() -> new ByteSink(1024));

  private byte[] bytes;
  private int size;

  public ByteSink(int capacity) {
    bytes = new byte[capacity];
  }

  /**
   * The thread's sink, emptied: an encode that grew a sink of its own from a small array made
   * most of its garbage growing it. Used by one encode at a time, which takes its bytes out with
   * {@link #toByteArray} before the thread encodes anything else.
   */
  static ByteSink forThisThread() {
    ByteSink sink = PER_THREAD.get();
    sink.clear(KEEP_AT_MOST);
    return sink;
  }

  @Override
  public final void write(int b) {
    if (size == bytes.length) {
      grow(size + 1);
    }
    bytes[size++] = (byte) b;
  }

  @Override
  public final void write(byte[] source, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, source.length);
    ensure(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  @Override
  public final void writeBoolean(boolean value) {
    write(value ? 1 : 0);
  }

  @Override
  public final void writeByte(int value) {
    write(value);
  }

  @Override
  public final void writeShort(int value) {
    write(value >>> 8);
    write(value);
  }

  @Override
  public final void writeChar(int value) {
    writeShort(value);
  }

  @Override
  public final void writeInt(int value) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (value >>> shift);
    }
  }

  @Override
  public final void writeLong(long value) {
    writeInt((int) (value >>> 32));
    writeInt((int) value);
  }

  @Override
  public final void writeFloat(float value) {
    writeInt(Float.floatToIntBits(value));
  }

  @Override
  public final void writeDouble(double value) {
    writeLong(Double.doubleToLongBits(value));
  }

  @Override
  public final void writeBytes(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      write(text.charAt(i));
    }
  }

  @Override
  public final void writeChars(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      writeChar(text.charAt(i));
    }
  }

  @Override
  public final void writeUTF(String text) throws IOException {
    new DataOutputStream(this).writeUTF(text); // modified UTF-8: rare enough to borrow
  }

  /** {@code value} as unsigned LEB128, as {@link EventCodec#writeVarLong} writes it. */
  public final void writeVarLong(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[size++] = (byte) value;
  }

  /**
   * Writes {@code text} as a varint byte length and its UTF-8 bytes when it is all ASCII, without
   * an array for its bytes (the codecs' strings are ids, names and event types); returns false,
   * having written nothing, when it is not.
   */
  final boolean writeAsciiWithLength(String text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    writeVarLong(length);
    ensure(length);
    for (int i = 0; i < length; i++) {
      bytes[size++] = (byte) text.charAt(i);
    }
    return true;
  }

  private void ensure(int more) {
    if (more > bytes.length - size) {
      grow(size + more);
    }
  }

  private void grow(int needed) {
    if (needed < 0 || needed > MAX_SIZE) {
      throw new IllegalStateException("an encoding past " + MAX_SIZE + " bytes");
    }
    bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_SIZE, Math.max(needed, 2L * bytes.length)));
  }

  /** What was written, in an array of its own. */
  public final byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** Writes what was written to {@code target}, in one call. */
  public final void writeTo(OutputStream target) throws IOException {
    target.write(bytes, 0, size);
  }

  /**
   * Forgets what was written, and drops the array when it grew past {@code keepAtMost} bytes, so
   * one huge value does not stay on the heap.
   */
  public final void clear(int keepAtMost) {
    size = 0;
    if (bytes.length > keepAtMost) {
      bytes = new byte[Math.min(1024, keepAtMost)];
    }
  }
}
