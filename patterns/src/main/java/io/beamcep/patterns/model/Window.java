package io.beamcep.patterns.model;

import java.time.Duration;
import java.util.Objects;

/** The pattern's time constraint ({@code within}). */
public record Window(WindowType type, Duration size) {
  public Window {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(size, "size");
  }
}
