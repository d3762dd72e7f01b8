package io.beamcep.pipeline.rules;

import io.beamcep.pipeline.testing.Scenarios;

/** Patterns the rule-source tests put in their rows: two that compile, one that does not. */
final class RulePatterns {
  /** Scenario 1's pattern: a view strictly followed by a view. */
  static final String GOOD = Scenarios.patternText(1);
  /** Scenario 2's pattern, another that compiles. */
  static final String OTHER_GOOD = Scenarios.patternText(2);
  /** Scenario 1's pattern with an edge to a node it lacks: refused by the validator. */
  static final String DANGLING_EDGE =
      GOOD.replace("\"target\":\"second_view\"", "\"target\":\"nowhere\"");
  /** Scenario 1's alert function. */
  static final String FUNCTION = Scenarios.function(1);

  private RulePatterns() {}
}
