package io.beamcep.pipeline.match;

import java.io.Serializable;
import java.util.Objects;
import org.joda.time.Duration;

/**
 * How {@link CepMatch} matches. Immutable; start from {@link #defaults()} (event time, no extra
 * out-of-orderness, timeouts per rule) and change with {@code withX}.
 *
 * <p>{@code allowedOutOfOrderness} holds events back that much longer than the watermark: an event
 * with timestamp {@code t} is matched once the watermark passes {@code t + allowedOutOfOrderness},
 * so events up to that much behind the watermark are still sorted in instead of being late.
 */
public final class CepMatchConfig implements Serializable {
  private final TimeMode timeMode;
  private final Duration allowedOutOfOrderness;
  private final TimeoutEmission timeouts;

  private CepMatchConfig(
      TimeMode timeMode, Duration allowedOutOfOrderness, TimeoutEmission timeouts) {
    this.timeMode = Objects.requireNonNull(timeMode, "timeMode");
    this.allowedOutOfOrderness =
        Objects.requireNonNull(allowedOutOfOrderness, "allowedOutOfOrderness");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    if (allowedOutOfOrderness.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException(
          "allowedOutOfOrderness must not be negative: " + allowedOutOfOrderness);
    }
  }

  public static CepMatchConfig defaults() {
    return new CepMatchConfig(TimeMode.EVENT_TIME, Duration.ZERO, TimeoutEmission.PER_RULE);
  }

  public CepMatchConfig withTimeMode(TimeMode mode) {
    return new CepMatchConfig(mode, allowedOutOfOrderness, timeouts);
  }

  public CepMatchConfig withAllowedOutOfOrderness(Duration lag) {
    return new CepMatchConfig(timeMode, lag, timeouts);
  }

  public CepMatchConfig withTimeouts(TimeoutEmission emission) {
    return new CepMatchConfig(timeMode, allowedOutOfOrderness, emission);
  }

  public TimeMode timeMode() {
    return timeMode;
  }

  public Duration allowedOutOfOrderness() {
    return allowedOutOfOrderness;
  }

  public TimeoutEmission timeouts() {
    return timeouts;
  }

  @Override
  public String toString() {
    return "CepMatchConfig{" + timeMode + ", outOfOrderness=" + allowedOutOfOrderness
        + ", timeouts=" + timeouts + "}";
  }
}
