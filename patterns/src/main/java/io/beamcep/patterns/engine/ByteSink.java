package io.beamcep.patterns.engine;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array to encode into: ByteArrayOutputStream without its lock. The codecs write a
 * byte at a time (tags, varints), and ByteArrayOutputStream takes a monitor for each one: with
 * biased locking gone from Java 17, an atomic instruction per byte, the most of encoding a key.
 */
final class ByteSink extends OutputStream {
  /** The largest array a JVM reliably allocates. */
  private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

  /** Larger arrays are not kept for the next encode, so one huge value does not stay on the heap. */
  private static final int KEEP_AT_MOST = 1 << 16;
  private static final ThreadLocal<ByteSink> PER_THREAD =
      ThreadLocal.withInitial(() -> new ByteSink(1024));

  private byte[] bytes;
  private int size;

  ByteSink(int capacity) {
    bytes = new byte[capacity];
  }

  /**
   * The thread's sink, emptied: an encode that grew a sink of its own from a small array made
   * most of its garbage growing it. Used by one encode at a time, which takes its bytes out with
   * {@link #toByteArray} before the thread encodes anything else.
   */
  static ByteSink forThisThread() {
    ByteSink sink = PER_THREAD.get();
    sink.size = 0;
    if (sink.bytes.length > KEEP_AT_MOST) {
      sink.bytes = new byte[1024];
    }
    return sink;
  }

  @Override
  public void write(int b) {
    if (size == bytes.length) {
      grow(size + 1);
    }
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, source.length);
    if (length > bytes.length - size) {
      grow(size + length);
    }
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  private void grow(int needed) {
    if (needed < 0 || needed > MAX_SIZE) {
      throw new OutOfMemoryError("an encoding past " + MAX_SIZE + " bytes");
    }
    bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_SIZE, Math.max(needed, 2L * bytes.length)));
  }

  /** What was written, in an array of its own. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }
}
