package io.beamcep.patterns.nfa;

/**
 * An edge of the automaton. The guard is null when the edge is unconditional (Flink treats a null
 * condition as true). Mutable only while {@link io.beamcep.patterns.compiler.RuleCompiler} builds
 * the automaton: greedy quantifiers rewrite guards of already built edges, as Flink's compiler
 * does.
 */
public final class Transition {
  private final Action action;
  private final State source;
  private final State target;
  private Guard guard;

  Transition(Action action, State source, State target, Guard guard) {
    this.action = action;
    this.source = source;
    this.target = target;
    this.guard = guard;
  }

  public Action action() {
    return action;
  }

  public State source() {
    return source;
  }

  public State target() {
    return target;
  }

  /** The condition, or null for an unconditional edge. */
  public Guard guard() {
    return guard;
  }

  void guard(Guard guard) {
    this.guard = guard;
  }

  @Override
  public String toString() {
    return action + " " + source.name() + " -> " + target.name() + " [" + guard + "]";
  }
}
