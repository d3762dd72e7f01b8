package io.beamcep.patterns.condition;

import io.beamcep.patterns.model.ConditionSpec;

/**
 * Turns condition specs into executable conditions. CLASS conditions resolve only through names
 * registered here: a class name read from the database is never loaded.
 */
public final class ConditionRegistry {
  // CONTRACT ONLY: the conditions helper replaces the bodies.

  /** The registry with the built-in e-commerce conditions under our and the reference's names. */
  public static ConditionRegistry defaults() {
    throw new UnsupportedOperationException("conditions not implemented yet");
  }

  /**
   * Compiles a spec into a condition. {@code jsonPath} locates the spec in the rule for errors.
   *
   * @throws io.beamcep.patterns.RuleException (without rule id; the compiler adds it) when the name
   *     is unknown, the arguments do not fit, or an expression does not compile or is not allowed
   */
  public Condition compile(ConditionSpec spec, String jsonPath) {
    throw new UnsupportedOperationException("conditions not implemented yet");
  }
}
