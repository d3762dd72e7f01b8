package io.beamcep.patterns.model;

import java.util.Objects;
import java.util.Optional;

/** After-match skip strategy; {@code patternName} is required for SKIP_TO_FIRST / SKIP_TO_LAST. */
public record AfterMatch(AfterMatchType type, Optional<String> patternName) {
  public AfterMatch {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(patternName, "patternName");
  }

  public static AfterMatch noSkip() {
    return new AfterMatch(AfterMatchType.NO_SKIP, Optional.empty());
  }
}
