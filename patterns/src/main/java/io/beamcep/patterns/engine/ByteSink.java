package io.beamcep.patterns.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array to encode into: ByteArrayOutputStream without its lock. The codecs write a
 * byte at a time (tags, varints), and ByteArrayOutputStream takes a monitor for each one: with
 * biased locking gone from Java 17, an atomic instruction per byte, the most of encoding a key.
 * Public so that a host's coders can encode into one too.
 */
public class ByteSink extends OutputStream {
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
    if (length > bytes.length - size) {
      grow(size + length);
    }
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
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
