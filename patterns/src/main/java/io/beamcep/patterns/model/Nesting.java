package io.beamcep.patterns.model;

/**
 * How deep a rule may nest groups in groups, and conditions in conditions. Reading, compiling and
 * printing a rule recurse once per level, and a worker thread's stack is often a megabyte or less
 * (Flink's task threads, Beam's workers), where the command line validates on the main thread's
 * eight: without a limit, a rule the validator accepted could overflow the job's stack on every
 * restart. A rule at the limit in both (100 groups in groups, the innermost node's condition 100
 * levels deep) was read, compiled, matched and written back within 263 KB of stack in every JIT
 * state measured, a quarter of the JVM's default thread stack.
 */
public final class Nesting {
  /** The most levels of groups in groups, and of RichAnd / RichOr / RichNot in one another. */
  public static final int MAX_DEPTH = 100;

  private Nesting() {}

  /** Why a group {@code depth} levels down is refused. */
  public static String groupsTooDeep(int depth) {
    return "groups nest " + depth + " deep here; at most " + MAX_DEPTH
        + " levels of groups in groups are accepted";
  }

  /** Why a condition {@code depth} levels down is refused. */
  public static String conditionsTooDeep(int depth) {
    return "conditions nest " + depth + " deep here; at most " + MAX_DEPTH
        + " levels of nested conditions are accepted";
  }
}
