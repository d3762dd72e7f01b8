package io.beamcep.patterns;

/**
 * The one exception type for a rule that cannot be parsed, validated or compiled. It names the rule
 * (id and version, when known) and the JSON path of the offending node, so that a user reading a
 * log line can find the bad spot in the rule table without a debugger.
 */
public final class RuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String ruleId;
  private final Integer ruleVersion;
  private final String jsonPath;
  private final String reason;

  public RuleException(String ruleId, Integer ruleVersion, String jsonPath, String reason) {
    this(ruleId, ruleVersion, jsonPath, reason, null);
  }

  public RuleException(
      String ruleId, Integer ruleVersion, String jsonPath, String reason, Throwable cause) {
    super(format(ruleId, ruleVersion, jsonPath, reason), cause);
    this.ruleId = ruleId;
    this.ruleVersion = ruleVersion;
    this.jsonPath = jsonPath == null || jsonPath.isEmpty() ? "$" : jsonPath;
    this.reason = reason;
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

  /** A copy that names the rule, for errors raised by code that only saw a fragment of it. */
  public RuleException forRule(String id, Integer version) {
    RuleException named = new RuleException(id, version, jsonPath, reason, getCause());
    named.setStackTrace(getStackTrace());
    return named;
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
