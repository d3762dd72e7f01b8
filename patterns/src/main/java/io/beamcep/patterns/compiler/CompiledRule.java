package io.beamcep.patterns.compiler;

import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.RuleKey;

/**
 * A validated rule turned into an immutable automaton, ready to be shared by every key. Produced
 * only by {@link RuleCompiler}.
 */
public final class CompiledRule {
  // CONTRACT ONLY: the engine helper adds the automaton.
  private final Rule rule;

  CompiledRule(Rule rule) {
    this.rule = rule;
  }

  public Rule rule() {
    return rule;
  }

  public RuleKey key() {
    return rule.key();
  }

  public String function() {
    return rule.function();
  }

  /** How many condition evaluations failed at run time (each counted as false) so far. */
  public long conditionErrors() {
    throw new UnsupportedOperationException("engine not implemented yet");
  }
}
