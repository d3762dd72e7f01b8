package io.beamcep.pipeline.rules;

import java.io.Serializable;
import java.util.Objects;

/**
 * One row of the rule table as stored: {@code id, version, pattern, function}. Kept as text so it
 * can travel through a side input; each worker compiles it (compiled rules are not serializable).
 */
public record RuleRow(String id, int version, String pattern, String function)
    implements Serializable {
  public RuleRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pattern, "pattern");
  }
}
