package io.beamcep.patterns.engine;

/**
 * The mutable matching state of one key: the partial matches of every rule version, sharing one
 * event buffer so an event used by many partial matches is stored once. Serializable to a compact
 * binary form independent of any host framework.
 */
public final class KeyState {
  // CONTRACT ONLY: the engine helper replaces the bodies.

  public static KeyState empty() {
    throw new UnsupportedOperationException("engine not implemented yet");
  }

  /** True when no partial match is pending and no event is buffered: the host may clear it. */
  public boolean isEmpty() {
    throw new UnsupportedOperationException("engine not implemented yet");
  }

  /**
   * The earliest time at which {@link Matcher#advanceTime} would change this state (a window
   * closing), or {@link Long#MAX_VALUE} when no partial match has a window.
   */
  public long nextDeadline() {
    throw new UnsupportedOperationException("engine not implemented yet");
  }

  /** Number of live partial matches over all rules (for metrics). */
  public int partialMatchCount() {
    throw new UnsupportedOperationException("engine not implemented yet");
  }

  public byte[] toBytes() {
    throw new UnsupportedOperationException("engine not implemented yet");
  }

  public static KeyState fromBytes(byte[] bytes) {
    throw new UnsupportedOperationException("engine not implemented yet");
  }
}
