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
 *
 * <p>{@code tieBreakField} (event time only) orders the events of one key that share a timestamp:
 * ascending by that field, so matching does not depend on the order the runner delivers them in.
 * Without it they are matched in arrival order, as Flink CEP does; but a Beam runner keeps no
 * arrival order across a shuffle (FlinkRunner's batch grouping sorts by key only), so set it to a
 * field that numbers events in source order (an event id, a sequence or offset) whenever events
 * of one key can share a millisecond.
 */
public final class CepMatchConfig implements Serializable {
  private final TimeMode timeMode;
  private final Duration allowedOutOfOrderness;
  private final TimeoutEmission timeouts;
  private final String tieBreakField;

  private CepMatchConfig(TimeMode timeMode, Duration allowedOutOfOrderness,
      TimeoutEmission timeouts, String tieBreakField) {
    this.timeMode = Objects.requireNonNull(timeMode, "timeMode");
    this.allowedOutOfOrderness =
        Objects.requireNonNull(allowedOutOfOrderness, "allowedOutOfOrderness");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    if (allowedOutOfOrderness.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException(
          "allowedOutOfOrderness must not be negative: " + allowedOutOfOrderness);
    }
    if (tieBreakField != null && tieBreakField.isBlank()) {
      throw new IllegalArgumentException("tieBreakField must name a field, got a blank name");
    }
    this.tieBreakField = tieBreakField;
  }

  public static CepMatchConfig defaults() {
    return new CepMatchConfig(
        TimeMode.EVENT_TIME, Duration.ZERO, TimeoutEmission.PER_RULE, null);
  }

  public CepMatchConfig withTimeMode(TimeMode mode) {
    return new CepMatchConfig(mode, allowedOutOfOrderness, timeouts, tieBreakField);
  }

  public CepMatchConfig withAllowedOutOfOrderness(Duration lag) {
    return new CepMatchConfig(timeMode, lag, timeouts, tieBreakField);
  }

  public CepMatchConfig withTimeouts(TimeoutEmission emission) {
    return new CepMatchConfig(timeMode, allowedOutOfOrderness, emission, tieBreakField);
  }

  /**
   * Matches events of one key with equal timestamps in ascending order of {@code field} (numbers
   * by value, then text; events without it last, in arrival order); {@code null} for arrival order.
   */
  public CepMatchConfig withTieBreakField(String field) {
    return new CepMatchConfig(timeMode, allowedOutOfOrderness, timeouts, field);
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

  /** The field ordering equal-timestamp events of a key, or {@code null} for arrival order. */
  public String tieBreakField() {
    return tieBreakField;
  }

  @Override
  public String toString() {
    return "CepMatchConfig{" + timeMode + ", outOfOrderness=" + allowedOutOfOrderness
        + ", timeouts=" + timeouts + ", tieBreakField=" + tieBreakField + "}";
  }
}
