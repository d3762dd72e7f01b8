package io.beamcep.patterns.model;

import java.util.Objects;

/** A single event pattern: {@code Pattern.begin(name).where(condition)} plus its quantifier. */
public record AtomicNode(String name, Quantifier quantifier, ConditionSpec condition)
    implements Node {
  public AtomicNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(quantifier, "quantifier");
    Objects.requireNonNull(condition, "condition");
  }
}
