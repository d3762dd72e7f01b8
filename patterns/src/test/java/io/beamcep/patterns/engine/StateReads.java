package io.beamcep.patterns.engine;

/**
 * The engine's reads of a key's state, without its matching, for benchmarks outside this package
 * that measure what visiting the state costs on its own (see bench.HostFloor).
 */
public final class StateReads {
  private StateReads() {}

  /** What every event reads of the key before its rules run: each rule's partial matches. */
  public static void beforeEvent(KeyState state) {
    state.touch();
  }

  /** What a timer reads of the key before its windows are checked. */
  public static void beforeTimer(KeyState state) {
    state.touchForTime();
  }
}
