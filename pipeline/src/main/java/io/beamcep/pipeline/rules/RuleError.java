package io.beamcep.pipeline.rules;

import io.beamcep.patterns.RuleException;
import java.io.Serializable;
import java.util.Objects;

/**
 * A rule row that is not active because it does not parse, compile or name a known alert function.
 * Everything a user needs to find the bad spot: the row's id and version and the JSON path inside
 * it.
 *
 * @param version null when the row's version itself could not be read
 */
public record RuleError(String id, Integer version, String jsonPath, String reason)
    implements Serializable {
  public RuleError {
    Objects.requireNonNull(reason, "reason");
    jsonPath = jsonPath == null || jsonPath.isEmpty() ? "$" : jsonPath;
  }

  public static RuleError of(RuleException e) {
    return new RuleError(e.ruleId(), e.ruleVersion(), e.jsonPath(), e.reason());
  }

  /** One line for logs: {@code rule 7 v2 at $.pattern.nodes[0].condition: reason}. */
  @Override
  public String toString() {
    return "rule " + (id == null ? "?" : id) + (version == null ? "" : " v" + version) + " at "
        + jsonPath + ": " + reason;
  }
}
