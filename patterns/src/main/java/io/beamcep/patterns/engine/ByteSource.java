package io.beamcep.patterns.engine;

import java.io.InputStream;

/**
 * Reads a byte array: ByteArrayInputStream without its lock, which the decoders paid once per byte
 * read (see {@link ByteSink}).
 */
final class ByteSource extends InputStream {
  private final byte[] bytes;
  private int position;

  ByteSource(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int read() {
    return position < bytes.length ? bytes[position++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, target.length);
    if (length == 0) {
      return 0;
    }
    int left = bytes.length - position;
    if (left <= 0) {
      return -1;
    }
    int count = Math.min(length, left);
    System.arraycopy(bytes, position, target, offset, count);
    position += count;
    return count;
  }

  @Override
  public int available() {
    return bytes.length - position;
  }

  @Override
  public long skip(long count) {
    long skipped = Math.max(0, Math.min(count, bytes.length - position));
    position += (int) skipped;
    return skipped;
  }
}
