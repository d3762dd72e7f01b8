package io.beamcep.patterns.model;

/**
 * The limits a rule must keep that Flink CEP does not have. Each guards a job against one rule row
 * that would otherwise take it down at every restart, since a job reads its rule table again each
 * time; a rule that breaks one is refused with the path of the spot, like any bad rule.
 */
public final class RuleLimits {
  /**
   * The most levels of groups in groups, and of RichAnd / RichOr / RichNot in one another. Reading,
   * compiling and printing a rule recurse once per level, and a worker thread's stack is often a
   * megabyte or less (Flink's task threads, Beam's workers), where the command line validates on
   * the main thread's eight. A rule at the limit in both (100 groups in groups, the innermost
   * node's condition 100 levels deep) was read, compiled, matched and written back within 263 KB of
   * stack in every JIT state measured, a quarter of the JVM's default thread stack.
   */
  public static final int MAX_NESTING = 100;

  /**
   * The most states a rule's automaton may have. Quantifiers unroll into a state per repetition
   * ({@code times(1, 5000)} makes 10,000, a group repeated n times n copies of its states), and
   * each state is about 400 bytes in every worker that runs the rule: at this limit 4 MB, where
   * a typo such as {@code times(10000000)} would exhaust a task manager's heap.
   */
  public static final int MAX_STATES = 10_000;

  private RuleLimits() {}

  /** Why a group {@code depth} levels down is refused. */
  public static String groupsTooDeep(int depth) {
    return "groups nest " + depth + " deep here; at most " + MAX_NESTING
        + " levels of groups in groups are accepted";
  }

  /** Why a condition {@code depth} levels down is refused. */
  public static String conditionsTooDeep(int depth) {
    return "conditions nest " + depth + " deep here; at most " + MAX_NESTING
        + " levels of nested conditions are accepted";
  }

  /** Why a rule whose automaton outgrew {@link #MAX_STATES} while unrolling here is refused. */
  public static String tooManyStates() {
    return "the rule's automaton would have more than " + MAX_STATES + " states (each repetition"
        + " of times or of a group is a state of its own); lower the counts of the quantifiers";
  }
}
