package io.beamcep.patterns.compiler;

import io.beamcep.patterns.nfa.Guard;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.QuantifierProperty;
import java.util.EnumSet;
import java.util.Set;

/**
 * One link of the pattern chain, the shape of Flink's {@code Pattern}/{@code GroupPattern}: the
 * compiler walks these backwards exactly like Flink's NFACompiler walks {@code getPrevious()}.
 */
final class PatternStep {
  enum Consuming {
    STRICT,
    SKIP_TILL_NEXT,
    SKIP_TILL_ANY,
    NOT_NEXT,
    NOT_FOLLOW
  }

  /** Flink names every group pattern like this; it only shows up in internal state names. */
  static final String GROUP_NAME = "GroupPattern";

  final String name;
  final PatternStep previous;
  final Consuming consuming;
  final Consuming innerConsuming;
  final Set<QuantifierProperty> properties;
  final int timesFrom;
  final int timesTo;
  final long timesWindowMs; // -1 when absent
  final Guard condition; // null for groups
  final Guard until; // null when absent
  final PatternStep group; // the last step of the group's inner chain, or null
  final long previousAndCurrentWindowMs; // -1 when absent; only on the last top-level step
  final boolean hasTimes;
  /** The JSON path of the node this step was made from, for errors found while building. */
  final String path;

  PatternStep(
      String name,
      PatternStep previous,
      Consuming consuming,
      Consuming innerConsuming,
      Set<QuantifierProperty> properties,
      boolean hasTimes,
      int timesFrom,
      int timesTo,
      long timesWindowMs,
      Guard condition,
      Guard until,
      PatternStep group,
      long previousAndCurrentWindowMs,
      String path) {
    this.name = name;
    this.previous = previous;
    this.consuming = consuming;
    this.innerConsuming = innerConsuming;
    this.properties = properties.isEmpty() ? EnumSet.of(QuantifierProperty.SINGLE) : properties;
    this.hasTimes = hasTimes;
    this.timesFrom = timesFrom;
    this.timesTo = timesTo;
    this.timesWindowMs = timesWindowMs;
    this.condition = condition;
    this.until = until;
    this.group = group;
    this.previousAndCurrentWindowMs = previousAndCurrentWindowMs;
    this.path = path;
  }

  boolean has(QuantifierProperty property) {
    return properties.contains(property);
  }

  boolean isGroup() {
    return group != null;
  }

  static Consuming inner(Contiguity contiguity) {
    switch (contiguity) {
      case STRICT:
        return Consuming.STRICT;
      case SKIP_TILL_ANY:
        return Consuming.SKIP_TILL_ANY;
      default:
        return Consuming.SKIP_TILL_NEXT;
    }
  }
}
