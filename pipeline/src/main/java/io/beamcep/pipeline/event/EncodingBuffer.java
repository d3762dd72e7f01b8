package io.beamcep.pipeline.event;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A per-thread byte array that a coder encodes a whole value into before handing it to the
 * runner's stream in one write. Encoding field by field through a DataOutputStream straight into
 * the runner's stream (on Flink: Beam's DataOutputViewWrapper over Flink's serializer) paid a
 * synchronized call per string and a chain of virtual calls per byte: a four-event alert took
 * 1,590 ns that way and 1,190 ns through this buffer. The bytes are exactly those the direct
 * encoding wrote.
 *
 * <p>Coders nest (an alert holds events): a coder handed this buffer as its stream writes into it
 * directly, and only the outermost one copies the result out.
 */
public final class EncodingBuffer extends OutputStream {
  /** Larger buffers are dropped after use, so one huge value does not stay on the heap. */
  private static final int KEEP_AT_MOST = 1 << 20;

  private static final ThreadLocal<EncodingBuffer> PER_THREAD =
      ThreadLocal.withInitial(EncodingBuffer::new);

  /** Writes one value's encoding into the buffer. */
  @FunctionalInterface
  public interface Body {
    void writeTo(EncodingBuffer buffer) throws IOException;
  }

  private byte[] bytes = new byte[512];
  private int size;
  private boolean inUse;
  private final DataOutputStream data = new DataOutputStream(this);

  private EncodingBuffer() {}

  /**
   * Runs {@code body} against a buffer, then writes what it wrote to {@code target} in one call.
   * When {@code target} is itself a buffer (a nested coder), {@code body} writes into it directly.
   */
  public static void encode(OutputStream target, Body body) throws IOException {
    if (target instanceof EncodingBuffer nested) {
      body.writeTo(nested);
      return;
    }
    EncodingBuffer buffer = PER_THREAD.get();
    if (buffer.inUse) {
      buffer = new EncodingBuffer(); // re-entered through another stream: never share
    }
    buffer.inUse = true;
    try {
      body.writeTo(buffer);
      target.write(buffer.bytes, 0, buffer.size);
    } finally {
      buffer.size = 0;
      buffer.inUse = false;
      if (buffer.bytes.length > KEEP_AT_MOST) {
        buffer.bytes = new byte[512];
      }
    }
  }

  /** The same bytes as a DataOutput; flushing it is not needed (it writes through). */
  public DataOutputStream data() {
    return data;
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
    if (length > bytes.length - size) {
      grow(size + length);
    }
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  private void grow(int needed) {
    if (needed < 0) {
      throw new IllegalStateException("a value's encoding exceeds 2 GiB");
    }
    int doubled = (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L);
    bytes = Arrays.copyOf(bytes, Math.max(needed, doubled));
  }
}
