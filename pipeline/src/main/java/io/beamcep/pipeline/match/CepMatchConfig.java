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
  private final int maxPartialMatchesPerRule;

  /**
   * The default limit on partial matches per rule and key: far above what a rule with a window
   * holds (with the five seed rules a key holds five on average), far below what takes a worker's
   * heap.
   */
  public static final int DEFAULT_MAX_PARTIAL_MATCHES_PER_RULE = 10_000;

  private CepMatchConfig(TimeMode timeMode, Duration allowedOutOfOrderness,
      TimeoutEmission timeouts, String tieBreakField, int maxPartialMatchesPerRule) {
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
    if (maxPartialMatchesPerRule < 0) {
      throw new IllegalArgumentException("maxPartialMatchesPerRule must be 0 (no limit) or more,"
          + " got " + maxPartialMatchesPerRule);
    }
    this.maxPartialMatchesPerRule = maxPartialMatchesPerRule;
  }

  public static CepMatchConfig defaults() {
    return new CepMatchConfig(TimeMode.EVENT_TIME, Duration.ZERO, TimeoutEmission.PER_RULE, null,
        DEFAULT_MAX_PARTIAL_MATCHES_PER_RULE);
  }

  public CepMatchConfig withTimeMode(TimeMode mode) {
    return new CepMatchConfig(
        mode, allowedOutOfOrderness, timeouts, tieBreakField, maxPartialMatchesPerRule);
  }

  public CepMatchConfig withAllowedOutOfOrderness(Duration lag) {
    return new CepMatchConfig(
        timeMode, lag, timeouts, tieBreakField, maxPartialMatchesPerRule);
  }

  public CepMatchConfig withTimeouts(TimeoutEmission emission) {
    return new CepMatchConfig(
        timeMode, allowedOutOfOrderness, emission, tieBreakField, maxPartialMatchesPerRule);
  }

  /**
   * Matches events of one key with equal timestamps in ascending order of {@code field} (numbers
   * by value, then text; events without it last, in arrival order); {@code null} for arrival order.
   */
  public CepMatchConfig withTieBreakField(String field) {
    return new CepMatchConfig(
        timeMode, allowedOutOfOrderness, timeouts, field, maxPartialMatchesPerRule);
  }

  /**
   * Keeps at most {@code limit} started partial matches per rule and key, dropping the oldest (by
   * start event) and counting them ({@code partial_matches_dropped_<id>_v<n>}); 0 for no limit,
   * as Flink CEP. A rule with a window stays far below the default; one without a window whose
   * partial matches multiply would otherwise exhaust the worker's heap (see Matcher.of).
   */
  public CepMatchConfig withMaxPartialMatchesPerRule(int limit) {
    return new CepMatchConfig(timeMode, allowedOutOfOrderness, timeouts, tieBreakField, limit);
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

  /** The limit on started partial matches per rule and key; 0 for none. */
  public int maxPartialMatchesPerRule() {
    return maxPartialMatchesPerRule;
  }

  @Override
  public String toString() {
    return "CepMatchConfig{" + timeMode + ", outOfOrderness=" + allowedOutOfOrderness
        + ", timeouts=" + timeouts + ", tieBreakField=" + tieBreakField
        + ", maxPartialMatchesPerRule=" + maxPartialMatchesPerRule + "}";
  }
}
