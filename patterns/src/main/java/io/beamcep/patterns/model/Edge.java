package io.beamcep.patterns.model;

import java.util.Objects;

/**
 * Links {@code source} to the {@code target} node that follows it, with the target's contiguity.
 */
public record Edge(String source, String target, EdgeType type) {
  public Edge {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(type, "type");
  }
}
