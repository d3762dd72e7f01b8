package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;

/**
 * The engine's reads of a key's state, without its matching, for benchmarks outside this package
 * that measure what visiting the state costs on its own (see bench.HostFloor).
 */
public final class StateReads {
  private StateReads() {}

  /**
   * What every event reads before its rules run: the event itself and each rule's partial matches
   * of its key.
   */
  public static void beforeEvent(KeyState state, Event event) {
    state.touch(event);
  }

  /** What a timer at {@code timestamp} reads of the key before its windows are checked. */
  public static void beforeTimer(KeyState state, long timestamp) {
    state.touchForTime(timestamp);
  }
}
