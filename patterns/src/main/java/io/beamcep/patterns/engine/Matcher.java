package io.beamcep.patterns.engine;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.event.Event;
import java.util.Collection;
import java.util.List;

/**
 * Runs a set of compiled rules over the events of one key at a time. Immutable and shared by every
 * key; all per-key data lives in the {@link KeyState} passed in.
 *
 * <p>Events must be given in non-decreasing timestamp order (the host sorts them). Time only moves
 * forward: {@link #advanceTime} closes windows, returning timeouts and the matches of trailing
 * {@code notFollowedBy} steps.
 */
public final class Matcher {
  // CONTRACT ONLY: the engine helper replaces the bodies.

  public static Matcher of(Collection<CompiledRule> rules) {
    throw new UnsupportedOperationException("engine not implemented yet");
  }

  public Collection<CompiledRule> rules() {
    throw new UnsupportedOperationException("engine not implemented yet");
  }

  /**
   * Feeds one event to every rule. Partial matches of rule versions not in this matcher are
   * dropped from {@code state}; a rule version new to {@code state} starts with no partial match.
   *
   * @return the matches completed by this event, in Flink CEP's emission order
   */
  public List<Match> process(KeyState state, Event event, long timestamp) {
    throw new UnsupportedOperationException("engine not implemented yet");
  }

  /**
   * Moves the key's clock to {@code timestamp}: partial matches whose window closed before it are
   * pruned and returned as {@link Match.Kind#TIMEOUT}; pending trailing-negation matches whose
   * window closed are returned as {@link Match.Kind#MATCH}.
   */
  public List<Match> advanceTime(KeyState state, long timestamp) {
    throw new UnsupportedOperationException("engine not implemented yet");
  }
}
