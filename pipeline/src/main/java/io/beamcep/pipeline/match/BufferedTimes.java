package io.beamcep.pipeline.match;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * The distinct timestamps of a key's buffered events, ascending, so a drain finds the due ones
 * and the next one without reading the whole event buffer: a key with n buffered timestamps
 * drained one timestamp at a time (a batch job fires a timer per timestamp) cost O(n^2) map
 * entries read before. Events arrive mostly in time order, so adding appends and draining takes
 * from the front; both are O(1) then, O(n) in the worst case.
 *
 * <p>Mutable, kept in Beam state as an object (see {@link KeyStateCoder} for why that is cheap on
 * heap backends).
 */
final class BufferedTimes {
  private long[] times;
  private int head;
  private int size;

  BufferedTimes() {
    this(new long[4], 0);
  }

  private BufferedTimes(long[] times, int size) {
    this.times = times;
    this.size = size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The earliest timestamp; only when not empty. */
  long first() {
    if (size == 0) {
      throw new IllegalStateException("no buffered timestamp");
    }
    return times[head];
  }

  /** Adds {@code time} unless present; returns whether it was new. */
  boolean add(long time) {
    int end = head + size;
    if (size == 0 || time > times[end - 1]) {
      ensureRoomAtEnd();
      times[head + size++] = time;
      return true;
    }
    int at = Arrays.binarySearch(times, head, end, time);
    if (at >= 0) {
      return false;
    }
    int offset = -at - 1 - head; // ensureRoomAtEnd may move head
    ensureRoomAtEnd();
    int insert = head + offset;
    System.arraycopy(times, insert, times, insert + 1, size - offset);
    times[insert] = time;
    size++;
    return true;
  }

  /** Removes and returns the earliest timestamp; only when not empty. */
  long pollFirst() {
    long first = first();
    head++;
    size--;
    if (size == 0) {
      head = 0;
    }
    return first;
  }

  private void ensureRoomAtEnd() {
    if (head + size < times.length) {
      return;
    }
    if (head > 0 && size < times.length / 2) {
      System.arraycopy(times, head, times, 0, size); // reuse the drained front
    } else {
      times = Arrays.copyOfRange(times, head, head + Math.max(4, size * 2));
    }
    head = 0;
  }

  @Override
  public String toString() {
    return Arrays.toString(Arrays.copyOfRange(times, head, head + size));
  }

  /** Count, then the first time and the (non-negative) gaps, as variable-length longs. */
  static final class Coder extends AtomicCoder<BufferedTimes> {
    private static final Coder INSTANCE = new Coder();

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(BufferedTimes value, OutputStream out) throws IOException {
      if (value == null) {
        throw new CoderException("cannot encode null BufferedTimes");
      }
      VarInt.encode(value.size, out);
      long previous = 0;
      for (int i = value.head, end = value.head + value.size; i < end; i++) {
        VarLongCoder.of().encode(i == value.head ? value.times[i] : value.times[i] - previous, out);
        previous = value.times[i];
      }
    }

    @Override
    public BufferedTimes decode(InputStream in) throws IOException {
      int size = VarInt.decodeInt(in);
      if (size < 0) {
        throw new CoderException("negative buffered-times count " + size);
      }
      long[] times = new long[Math.max(4, size)];
      long previous = 0;
      for (int i = 0; i < size; i++) {
        long read = VarLongCoder.of().decode(in);
        times[i] = i == 0 ? read : previous + read;
        previous = times[i];
      }
      return new BufferedTimes(times, size);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
