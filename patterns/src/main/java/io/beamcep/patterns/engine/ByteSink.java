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

  private byte[] bytes;
  private int size;

  ByteSink(int capacity) {
    bytes = new byte[capacity];
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
