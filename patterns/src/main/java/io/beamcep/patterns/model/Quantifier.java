package io.beamcep.patterns.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How often a node may match and how the repetitions may be spread.
 *
 * @param innerContiguity contiguity between repetitions of a looping or times node: STRICT is
 *     {@code consecutive()}, SKIP_TILL_ANY is {@code allowCombinations()}
 * @param properties SINGLE, LOOPING, TIMES, OPTIONAL, GREEDY
 * @param times the from/to range (and max gap) for LOOPING and TIMES
 * @param until the stop condition of a looping node
 */
public record Quantifier(
    Contiguity innerContiguity,
    Set<QuantifierProperty> properties,
    Optional<Times> times,
    Optional<ConditionSpec> until) {
  public Quantifier {
    Objects.requireNonNull(innerContiguity, "innerContiguity");
    properties =
        properties.isEmpty()
            ? Set.copyOf(EnumSet.of(QuantifierProperty.SINGLE))
            : Set.copyOf(EnumSet.copyOf(properties));
    Objects.requireNonNull(times, "times");
    Objects.requireNonNull(until, "until");
  }

  /** A plain single-event quantifier, as the reference writes for most nodes. */
  public static Quantifier single() {
    return new Quantifier(
        Contiguity.SKIP_TILL_NEXT,
        EnumSet.of(QuantifierProperty.SINGLE),
        Optional.empty(),
        Optional.empty());
  }

  public boolean has(QuantifierProperty property) {
    return properties.contains(property);
  }

  public boolean isLooping() {
    return has(QuantifierProperty.LOOPING);
  }

  public boolean isTimes() {
    return has(QuantifierProperty.TIMES);
  }

  public boolean isOptional() {
    return has(QuantifierProperty.OPTIONAL);
  }

  public boolean isGreedy() {
    return has(QuantifierProperty.GREEDY);
  }
}
