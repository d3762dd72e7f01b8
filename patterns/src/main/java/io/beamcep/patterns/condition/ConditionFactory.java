package io.beamcep.patterns.condition;

import java.util.List;

/**
 * Builds a condition from the {@code args} of a CLASS condition. Called once per rule version, so
 * it should validate and pre-convert its arguments and return a condition that does no parsing.
 */
@FunctionalInterface
public interface ConditionFactory {
  /**
   * @param args the JSON arguments (String, Boolean, Long, Double, BigDecimal or null); empty when
   *     the rule gives none
   * @throws IllegalArgumentException when the arguments do not fit; its message is shown to the
   *     user, located at the condition's {@code args}
   */
  Condition create(List<Object> args);
}
