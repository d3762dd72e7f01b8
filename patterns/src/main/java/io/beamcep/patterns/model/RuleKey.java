package io.beamcep.patterns.model;

import java.io.Serializable;
import java.util.Objects;

/** Identifies one version of one rule; partial matches belong to exactly one key. */
public record RuleKey(String id, int version) implements Serializable, Comparable<RuleKey> {
  public RuleKey {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public int compareTo(RuleKey other) {
    int byId = id.compareTo(other.id);
    return byId != 0 ? byId : Integer.compare(version, other.version);
  }

  @Override
  public String toString() {
    return "(" + id + ", " + version + ")";
  }
}
