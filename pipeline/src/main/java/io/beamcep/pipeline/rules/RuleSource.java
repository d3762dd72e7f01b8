package io.beamcep.pipeline.rules;

import java.io.Serializable;
import java.util.Objects;
import org.joda.time.Duration;

/**
 * The active rules, read on demand rather than through the rules side input: what a matcher's
 * timer falls back on when it fires before any element has brought the side input into its worker.
 * Beam gives {@code @OnTimer} no side inputs, so a job just restored from a savepoint would
 * otherwise hold every due timeout and trailing-negation match until its next event arrives, which
 * on a quiet stream can be hours; and a worker whose elements stopped coming would match with the
 * rules it last saw ({@link #staleAfterMillis}).
 *
 * <p>Reads the same rules the side input would carry (highest valid version per id). A table's
 * are read with generation 0, not one its poller announced: when the side input brings the same
 * rows under its own generation, the matcher compiled from them is kept.
 */
public interface RuleSource extends Serializable {
  /** The active rules now; throws when they cannot be read (the database is down). */
  RuleSet read() throws Exception;

  /**
   * How long rules may go without news of the source before a timer reads it again: a worker
   * whose elements stopped coming gets no side input either, and its timers would otherwise keep
   * the rules it last saw (a deleted rule's timeouts still firing). {@link Long#MAX_VALUE}: the
   * rules never change.
   */
  long staleAfterMillis();

  /** Always the same rules (a rules file, a fixed list). */
  static RuleSource fixed(RuleSet rules) {
    Objects.requireNonNull(rules, "rules");
    return new Fixed(rules);
  }

  /**
   * The active rows of {@code table}, chosen by {@code validator} as its poller chooses them, the
   * poller reading it every {@code pollInterval}: rules that went that long without a side input
   * are read again.
   */
  static RuleSource table(RuleTable table, RuleValidator validator, Duration pollInterval) {
    if (pollInterval.getMillis() <= 0) {
      throw new IllegalArgumentException("rule poll interval must be positive, got "
          + pollInterval);
    }
    return new Table(Objects.requireNonNull(table, "table"),
        Objects.requireNonNull(validator, "validator"), pollInterval.getMillis());
  }

  /** A fixed rule set. */
  record Fixed(RuleSet rules) implements RuleSource {
    @Override
    public RuleSet read() {
      return rules;
    }

    @Override
    public long staleAfterMillis() {
      return Long.MAX_VALUE;
    }
  }

  /** A rule table, read whole at each call. */
  record Table(RuleTable table, RuleValidator validator, long staleAfterMillis)
      implements RuleSource {
    @Override
    public RuleSet read() throws Exception {
      return new RuleSet(0, ActiveRules.select(table.readAll(), validator).active());
    }

    @Override
    public String toString() {
      return "rule table " + table; // RuleTable's text never holds the password
    }
  }
}
