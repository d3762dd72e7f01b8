package io.beamcep.patterns.compiler;

import io.beamcep.patterns.condition.ConditionErrors;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.RuleKey;
import io.beamcep.patterns.nfa.Nfa;

/**
 * A validated rule turned into an immutable automaton, ready to be shared by every key. Produced
 * only by {@link RuleCompiler}.
 */
public final class CompiledRule {
  private final Rule rule;
  private final RuleKey key; // Rule.key() builds a new one; the matcher asks per event
  private final Nfa nfa;
  private final ConditionErrors conditionErrors;

  CompiledRule(Rule rule, Nfa nfa, ConditionErrors conditionErrors) {
    this.rule = rule;
    this.key = rule.key();
    this.nfa = nfa;
    this.conditionErrors = conditionErrors;
  }

  public Rule rule() {
    return rule;
  }

  public RuleKey key() {
    return key;
  }

  public String function() {
    return rule.function();
  }

  /** The automaton the matcher runs (states, transitions, windows, skip strategy). */
  public Nfa automaton() {
    return nfa;
  }

  /**
   * How many condition evaluations failed at run time (each counted as false) so far. A condition
   * that reads only the event is evaluated, and so counted, once per event; one that reads the
   * partial match once per partial match it is tested for.
   */
  public long conditionErrors() {
    return conditionErrors.sum();
  }

  /**
   * The failed evaluations counted since the last call, for a host's counter: each is taken once,
   * whichever of the threads sharing this compiled rule asks, so workers' counters add up.
   */
  public long takeUnreportedConditionErrors() {
    return conditionErrors.takeUnreported();
  }

  /**
   * The first failed condition evaluation, as the condition's JSON path and what it threw (e.g.
   * {@code $.pattern.nodes[1].condition: Could not compare <Long, 200> with <JavaType, price,
   * 249.3, java.lang.String>}), given once: to the first caller after it happened, null to every
   * other call, so that hosts sharing this compiled rule report it once.
   */
  public String takeFirstConditionError() {
    return conditionErrors.takeFirst();
  }
}
