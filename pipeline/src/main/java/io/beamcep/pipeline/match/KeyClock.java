package io.beamcep.pipeline.match;

import io.beamcep.patterns.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.ValueState;

/**
 * What the event-time matcher keeps of a key's time in one state cell: its buffered timestamps,
 * when its pending drain timer fires, and the time it was last drained to. On RocksDB every cell
 * is a lookup to read and a write to change, and as three cells they were read on every event and
 * written or deleted on most timers; as one, `cep bench --stateBackend rocksdb` takes 6-10 %
 * less CPU (BENCHMARKS.md, session 33). Absent for a key that holds nothing.
 *
 * <p>Mutable, kept in Beam state as an object (see {@link KeyStateCoder} for why that is cheap on
 * heap backends).
 */
final class KeyClock {
  private static final long NONE = Long.MIN_VALUE;

  final BufferedTimes buffered;
  private long drainAt;
  private long drainedUntil;

  private KeyClock(BufferedTimes buffered, long drainAt, long drainedUntil) {
    this.buffered = buffered;
    this.drainAt = drainAt;
    this.drainedUntil = drainedUntil;
  }

  /** The clock of a key that holds nothing. */
  static KeyClock fresh() {
    return new KeyClock(new BufferedTimes(), NONE, NONE);
  }

  /** True when nothing was ever drained nor armed: the key held no state before. */
  boolean isFresh() {
    return drainAt == NONE && drainedUntil == NONE;
  }

  boolean hasPendingDrain() {
    return drainAt != NONE;
  }

  /** When the pending drain timer fires; only when there is one. */
  long drainAt() {
    if (drainAt == NONE) {
      throw new IllegalStateException("no pending drain");
    }
    return drainAt;
  }

  void armedAt(long fireAt) {
    drainAt = fireAt;
  }

  /** The drain timer fired (timers cannot be read back, so the clock remembers). */
  void drainFired() {
    drainAt = NONE;
  }

  /** True when {@code timestamp} is at or before the time the key was last drained to. */
  boolean isLate(long timestamp) {
    return drainedUntil != NONE && timestamp <= drainedUntil;
  }

  void drainedUntil(long time) {
    drainedUntil = time;
  }

  @Override
  public String toString() {
    return "KeyClock{buffered=" + buffered + ", drainAt=" + (drainAt == NONE ? "-" : drainAt)
        + ", drainedUntil=" + (drainedUntil == NONE ? "-" : drainedUntil) + "}";
  }

  /**
   * The key's clock; a fresh one for a key that holds nothing. State written before the clock
   * existed kept its parts in three cells of their own, {@code legacy}: a key found there gets
   * them moved into the clock, and the old cells cleared, the first time it is read.
   */
  static KeyClock read(ValueState<KeyClock> clock, LegacyCells legacy) {
    KeyClock stored = clock.read();
    if (stored != null) {
      return stored;
    }
    Long drainAt = legacy.drainAt().read();
    Long drainedUntil = legacy.drainedUntil().read();
    if (drainAt == null && drainedUntil == null) {
      // Every key that held state there had a pending drain or a drained-until time: a new key
      // has nothing buffered, and its buffer is not looked through.
      return fresh();
    }
    BufferedTimes times = bufferedTimes(legacy.bufferedTimes(), legacy.buffer());
    legacy.drainAt().clear();
    legacy.drainedUntil().clear();
    legacy.bufferedTimes().clear();
    KeyClock migrated = new KeyClock(times, drainAt == null ? NONE : drainAt,
        drainedUntil == null ? NONE : drainedUntil);
    clock.write(migrated); // the old cells are gone: a caller that changes nothing writes nothing
    return migrated;
  }

  /**
   * The key's buffered timestamps from a state of before the clock; state written before they
   * were kept has only the buffer, and gets them listed from it.
   */
  static BufferedTimes bufferedTimes(
      ValueState<BufferedTimes> bufferedTimes, MapState<Long, List<Event>> buffer) {
    BufferedTimes times = bufferedTimes.read();
    if (times != null) {
      return times;
    }
    times = new BufferedTimes();
    for (Long ts : buffer.keys().read()) {
      times.add(ts);
    }
    return times;
  }

  /** The cells that held a key's clock before it was one, and its event buffer. */
  record LegacyCells(ValueState<Long> drainAt, ValueState<Long> drainedUntil,
      ValueState<BufferedTimes> bufferedTimes, MapState<Long, List<Event>> buffer) {}

  /** A flags byte (pending drain, drained-until time), those times, then the buffered times. */
  static final class Coder extends AtomicCoder<KeyClock> {
    private static final Coder INSTANCE = new Coder();
    private static final int HAS_DRAIN_AT = 1;
    private static final int HAS_DRAINED_UNTIL = 2;

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(KeyClock value, OutputStream out) throws IOException {
      if (value == null) {
        throw new CoderException("cannot encode null KeyClock");
      }
      int flags = (value.drainAt == NONE ? 0 : HAS_DRAIN_AT)
          | (value.drainedUntil == NONE ? 0 : HAS_DRAINED_UNTIL);
      out.write(flags);
      if (value.drainAt != NONE) {
        VarLongCoder.of().encode(value.drainAt, out);
      }
      if (value.drainedUntil != NONE) {
        VarLongCoder.of().encode(value.drainedUntil, out);
      }
      BufferedTimes.Coder.of().encode(value.buffered, out);
    }

    @Override
    public KeyClock decode(InputStream in) throws IOException {
      int flags = in.read();
      if (flags < 0) {
        throw new CoderException("a key clock ended before its flags");
      }
      if ((flags & ~(HAS_DRAIN_AT | HAS_DRAINED_UNTIL)) != 0) {
        throw new CoderException("unknown key clock flags " + flags);
      }
      long drainAt = (flags & HAS_DRAIN_AT) == 0 ? NONE : VarLongCoder.of().decode(in);
      long drainedUntil = (flags & HAS_DRAINED_UNTIL) == 0 ? NONE : VarLongCoder.of().decode(in);
      return new KeyClock(BufferedTimes.Coder.of().decode(in), drainAt, drainedUntil);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
