package io.beamcep.patterns.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Repetition bounds. For TIMES, {@code from..to}; for LOOPING, {@code from} is the minimum and
 * {@code to} is ignored (the reference writes the same number twice).
 *
 * @param windowTime the largest gap allowed between two consecutive repetitions
 */
public record Times(int from, int to, Optional<Duration> windowTime) {
  public Times {
    Objects.requireNonNull(windowTime, "windowTime");
  }
}
