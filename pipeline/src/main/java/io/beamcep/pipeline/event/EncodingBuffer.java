package io.beamcep.pipeline.event;

import io.beamcep.patterns.engine.ByteSink;
import java.io.IOException;
import java.io.OutputStream;

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
public final class EncodingBuffer extends ByteSink {
  /** Larger buffers are dropped after use, so one huge value does not stay on the heap. */
  private static final int KEEP_AT_MOST = 1 << 20;

  private static final ThreadLocal<EncodingBuffer> PER_THREAD =
      ThreadLocal.withInitial(EncodingBuffer::new);

  /** Writes one value's encoding into the buffer. */
  @FunctionalInterface
  public interface Body {
    void writeTo(EncodingBuffer buffer) throws IOException;
  }

  private boolean inUse;

  private EncodingBuffer() {
    super(512);
  }

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
      buffer.writeTo(target);
    } finally {
      buffer.clear(KEEP_AT_MOST);
      buffer.inUse = false;
    }
  }
}
