package io.beamcep.patterns.model;

import java.util.Objects;

/**
 * One row of the rule table: the reference system's {@code (id, version, pattern, function)}.
 *
 * @param id the rule id; rows with the same id are versions of one rule
 * @param version the highest version of an id is the active one
 * @param pattern the parsed pattern graph
 * @param function names how alerts of this rule are rendered or routed; may be null
 */
public record Rule(String id, int version, Graph pattern, String function) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pattern, "pattern");
  }

  public RuleKey key() {
    return new RuleKey(id, version);
  }
}
