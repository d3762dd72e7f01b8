package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * ByteSink and ByteSource are the codecs' DataOutput and DataInput: they must write and read what
 * DataOutputStream and DataInputStream do, byte for byte, and fail past the end as they do.
 */
class ByteSinkSourceTest {

  /** Writes one of every kind of value, extremes included. */
  private static void writeAll(DataOutput out) throws IOException {
    out.writeBoolean(true);
    out.writeBoolean(false);
    out.writeByte(-1);
    out.writeByte(0x17F); // only the low byte counts
    out.writeShort(-2);
    out.writeShort(0x12345);
    out.writeChar('é');
    out.writeInt(Integer.MIN_VALUE);
    out.writeInt(0x01020304);
    out.writeLong(Long.MIN_VALUE);
    out.writeLong(0x0102030405060708L);
    out.writeFloat(-0.0f);
    out.writeFloat(Float.NaN);
    out.writeDouble(Math.PI);
    out.writeBytes("ascii é");
    out.writeChars("chars é 東");
    out.writeUTF("modified ünïcode 🚀");
    out.write(new byte[] {9, 8, 7});
    out.write(new byte[] {1, 2, 3, 4}, 1, 2);
    out.write(200);
  }

  @Test
  void theSinkWritesWhatADataOutputStreamWrites() throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    writeAll(new DataOutputStream(expected));
    ByteSink sink = new ByteSink(1); // grows on the way
    writeAll(sink);
    assertArrayEquals(expected.toByteArray(), sink.toByteArray());
  }

  @Test
  void theSourceReadsWhatADataInputStreamReads() throws IOException {
    ByteSink sink = new ByteSink(16);
    writeAll(sink);
    byte[] bytes = sink.toByteArray();
    assertEquals(readAll(new DataInputStream(new java.io.ByteArrayInputStream(bytes))),
        readAll(new ByteSource(bytes)));
  }

  private static String readAll(DataInput in) throws IOException {
    StringBuilder read = new StringBuilder();
    read.append(in.readBoolean()).append(in.readBoolean()).append(in.readByte())
        .append(in.readUnsignedByte()).append(in.readShort()).append(in.readUnsignedShort())
        .append(in.readChar()).append(in.readInt()).append(in.readInt()).append(in.readLong())
        .append(in.readLong()).append(in.readFloat()).append(in.readFloat())
        .append(in.readDouble());
    byte[] ascii = new byte[7];
    in.readFully(ascii);
    read.append(Arrays.toString(ascii));
    for (int i = 0; i < "chars é 東".length(); i++) {
      read.append(in.readChar());
    }
    read.append(in.readUTF());
    byte[] rest = new byte[6];
    in.readFully(rest, 0, 6);
    read.append(Arrays.toString(rest));
    assertEquals(0, in.skipBytes(1), "nothing left");
    return read.toString();
  }

  @Test
  void readingPastTheEndIsAnEofAsForADataInputStream() throws IOException {
    assertThrows(EOFException.class, new ByteSource(new byte[] {1, 2, 3})::readInt);
    assertThrows(EOFException.class, new ByteSource(new byte[7])::readLong);
    ByteSource source = new ByteSource(new byte[] {1, 2, 3});
    assertEquals(0x010203, (source.readUnsignedByte() << 16) | source.readUnsignedShort());
    assertThrows(EOFException.class, source::readUnsignedByte);
    assertThrows(EOFException.class, () -> source.readFully(new byte[1]));
    assertThrows(EOFException.class, () -> new ByteSource(new byte[] {(byte) 0x80}).readVarLong());
    assertEquals(-1, source.read());
  }
}
