package io.beamcep.patterns.engine;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a byte array: ByteArrayInputStream without its lock, which the decoders paid once per byte
 * read (see {@link ByteSink}). It is its own {@link DataInput} (big-endian, as DataInputStream,
 * and throwing {@link EOFException} past the end as it does), so the decoders read it with no
 * stream in between.
 */
final class ByteSource extends InputStream implements DataInput {
  private final byte[] bytes;
  private int position;
  /** The thread's decoded strings, looked up at the first string read. */
  private DecodedStrings strings;

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

  @Override
  public void readFully(byte[] target) throws IOException {
    readFully(target, 0, target.length);
  }

  @Override
  public void readFully(byte[] target, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, target.length);
    require(length);
    System.arraycopy(bytes, position, target, offset, length);
    position += length;
  }

  @Override
  public int skipBytes(int count) {
    return (int) skip(count);
  }

  @Override
  public boolean readBoolean() throws IOException {
    return readUnsignedByte() != 0;
  }

  @Override
  public byte readByte() throws IOException {
    return (byte) readUnsignedByte();
  }

  @Override
  public int readUnsignedByte() throws IOException {
    if (position >= bytes.length) {
      throw new EOFException();
    }
    return bytes[position++] & 0xFF;
  }

  @Override
  public short readShort() throws IOException {
    return (short) readUnsignedShort();
  }

  @Override
  public int readUnsignedShort() throws IOException {
    require(2);
    int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
    position += 2;
    return value;
  }

  @Override
  public char readChar() throws IOException {
    return (char) readUnsignedShort();
  }

  @Override
  public int readInt() throws IOException {
    require(4);
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (bytes[position++] & 0xFF);
    }
    return value;
  }

  @Override
  public long readLong() throws IOException {
    require(8);
    return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  /** Not used by the codecs: lines are not part of any binary form. */
  @Override
  public String readLine() {
    throw new UnsupportedOperationException("ByteSource reads binary forms, not lines");
  }

  @Override
  public String readUTF() throws IOException {
    return DataInputStream.readUTF(this);
  }

  /**
   * The next {@code length} bytes as UTF-8 text, read in place: short ones through the thread's
   * {@link DecodedStrings}, so a decode hands out the strings earlier decodes made.
   */
  String readUtf8(int length, boolean repeated) throws IOException {
    require(length);
    int start = position;
    position += length;
    return repeated && length <= DecodedStrings.LONGEST
        ? decodedStrings().get(bytes, start, length)
        : new String(bytes, start, length, StandardCharsets.UTF_8);
  }

  private DecodedStrings decodedStrings() {
    DecodedStrings known = strings;
    return known != null ? known : (strings = DecodedStrings.forThisThread());
  }

  /** Unsigned LEB128, as {@link EventCodec#readVarLong} reads it. */
  long readVarLong() throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= bytes.length) {
        throw new EOFException();
      }
      int b = bytes[position++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IOException("malformed varint");
  }

  private void require(int length) throws EOFException {
    if (length > bytes.length - position) {
      throw new EOFException(
          length + " bytes wanted, " + (bytes.length - position) + " left of " + bytes.length);
    }
  }
}
