package io.beamcep.patterns.compiler;

import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.RuleKey;
import io.beamcep.patterns.nfa.Nfa;
import java.util.concurrent.atomic.LongAdder;

/**
 * A validated rule turned into an immutable automaton, ready to be shared by every key. Produced
 * only by {@link RuleCompiler}.
 */
public final class CompiledRule {
  private final Rule rule;
  private final RuleKey key; // Rule.key() builds a new one; the matcher asks per event
  private final Nfa nfa;
  private final LongAdder conditionErrors;

  CompiledRule(Rule rule, Nfa nfa, LongAdder conditionErrors) {
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
}
