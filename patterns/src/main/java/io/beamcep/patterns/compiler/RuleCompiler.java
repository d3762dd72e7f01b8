package io.beamcep.patterns.compiler;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.model.Rule;

/**
 * Validates a parsed rule and compiles it to an immutable automaton with Flink CEP 1.19 semantics.
 * Every rule Flink refuses is refused here too, with a {@link RuleException} naming the JSON path.
 */
public final class RuleCompiler {
  // CONTRACT ONLY: the engine helper replaces the bodies.
  private final ConditionRegistry conditions;

  public RuleCompiler(ConditionRegistry conditions) {
    this.conditions = conditions;
  }

  public CompiledRule compile(Rule rule) throws RuleException {
    throw new UnsupportedOperationException("engine not implemented yet");
  }
}
