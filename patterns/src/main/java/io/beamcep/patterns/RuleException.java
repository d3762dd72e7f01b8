package io.beamcep.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The one exception type for a rule that cannot be parsed, validated or compiled. It names the rule
 * (id and version, when known) and the JSON path of the offending node, so that a user reading a
 * log line can find the bad spot in the rule table without a debugger.
 *
 * <p>A rule with several independent problems (two bad nodes, a bad edge type and an unknown
 * condition) is refused with all of them at once: the exception is the first, and {@link
 * #problems} lists every one, so a user fixing a rule sees the whole list instead of one problem
 * per attempt. Problems that depend on an earlier one (the chain of a graph whose nodes did not
 * read) are not looked for.
 */
public final class RuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String ruleId;
  private final Integer ruleVersion;
  private final String jsonPath;
  private final String reason;
  /** The problems found besides this one, in the order they were found; never null. */
  private final List<RuleException> further;

  public RuleException(String ruleId, Integer ruleVersion, String jsonPath, String reason) {
    this(ruleId, ruleVersion, jsonPath, reason, null);
  }

  public RuleException(
      String ruleId, Integer ruleVersion, String jsonPath, String reason, Throwable cause) {
    this(ruleId, ruleVersion, jsonPath, reason, cause, List.of());
  }

  private RuleException(String ruleId, Integer ruleVersion, String jsonPath, String reason,
      Throwable cause, List<RuleException> further) {
    super(format(ruleId, ruleVersion, jsonPath, reason, further), cause);
    this.ruleId = ruleId;
    this.ruleVersion = ruleVersion;
    this.jsonPath = jsonPath == null || jsonPath.isEmpty() ? "$" : jsonPath;
    this.reason = reason;
    this.further = further;
  }

  /**
   * One exception for the problems {@code found} (at least one; each may carry problems of its
   * own, which are kept in place): the first, carrying the others.
   */
  public static RuleException all(List<RuleException> found) {
    List<RuleException> flat = new ArrayList<>();
    for (RuleException problem : found) {
      flat.addAll(problem.problems());
    }
    if (flat.isEmpty()) {
      throw new IllegalArgumentException("no problem given");
    }
    return flat.size() == 1 ? flat.get(0) : flat.get(0).carrying(flat.subList(1, flat.size()));
  }

  private static String format(String ruleId, Integer ruleVersion, String jsonPath, String reason,
      List<RuleException> further) {
    StringBuilder text = new StringBuilder(format(ruleId, ruleVersion, jsonPath, reason));
    for (RuleException problem : further) {
      text.append('\n').append(problem.getMessage());
    }
    return text.toString();
  }

  private static String format(String ruleId, Integer ruleVersion, String jsonPath, String reason) {
    StringBuilder text = new StringBuilder("rule ");
    text.append(ruleId == null ? "?" : ruleId);
    if (ruleVersion != null) {
      text.append(" v").append(ruleVersion);
    }
    text.append(" at ").append(jsonPath == null || jsonPath.isEmpty() ? "$" : jsonPath);
    text.append(": ").append(reason);
    return text.toString();
  }

  /**
   * A copy that names the rule, for errors raised by code that only saw a fragment of it; the
   * further problems are named too.
   */
  public RuleException forRule(String id, Integer version) {
    return map(problem -> problem.copy(id, version, problem.reason));
  }

  /**
   * A copy with the reason of each problem prefixed, e.g. by the row of a file a rule without an
   * id came from.
   */
  public RuleException withReasonPrefix(String prefix) {
    return map(problem -> problem.copy(problem.ruleId, problem.ruleVersion,
        prefix + problem.reason));
  }

  /** Every problem found, this one first (one element when the rule had only this one). */
  public List<RuleException> problems() {
    List<RuleException> all = new ArrayList<>(1 + further.size());
    all.add(carrying(List.of()));
    all.addAll(further);
    return List.copyOf(all);
  }

  private RuleException map(UnaryOperator<RuleException> change) {
    List<RuleException> changed = new ArrayList<>();
    for (RuleException problem : further) {
      changed.add(change.apply(problem));
    }
    return change.apply(carrying(List.of())).carrying(changed);
  }

  private RuleException copy(String id, Integer version, String newReason) {
    RuleException copy = new RuleException(id, version, jsonPath, newReason, getCause(), further);
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  /** This problem alone ({@code others} empty) or carrying {@code others}. */
  private RuleException carrying(List<RuleException> others) {
    if (others.equals(further)) {
      return this;
    }
    RuleException copy =
        new RuleException(ruleId, ruleVersion, jsonPath, reason, getCause(), List.copyOf(others));
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  public String ruleId() {
    return ruleId;
  }

  public Integer ruleVersion() {
    return ruleVersion;
  }

  /**
   * JSONPath-like location inside the rule row, e.g. {@code
   * $.pattern.nodes[1].quantifier.times.from}.
   */
  public String jsonPath() {
    return jsonPath;
  }

  /** The sentence for the user, without the location prefix. */
  public String reason() {
    return reason;
  }
}
