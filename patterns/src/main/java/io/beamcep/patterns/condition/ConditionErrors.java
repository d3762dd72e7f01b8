package io.beamcep.patterns.condition;

import io.beamcep.patterns.SharedCount;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A rule's condition tests that threw while testing an event, each counted as false: how many,
 * and what the first one was. A condition that throws does not stop the rule (Flink CEP's job
 * would fail and restart on it), so without the first reason a rule comparing a text field with
 * a number only ever matched nothing, and the count said that something failed but not what.
 */
public final class ConditionErrors implements Serializable {
  /** The longest reason kept: an exception may quote a whole event or expression. */
  static final int MAX_REASON = 500;

  private final SharedCount count = new SharedCount();
  private final AtomicReference<String> first = new AtomicReference<>();
  private final AtomicBoolean firstTaken = new AtomicBoolean();

  /**
   * Counts one failed test of the condition at {@code jsonPath} of the rule, which threw {@code
   * thrown}; the first one counted is kept.
   */
  public void record(String jsonPath, RuntimeException thrown) {
    count.increment();
    if (first.get() == null) {
      first.compareAndSet(null, reason(jsonPath, thrown));
    }
  }

  /** How many tests failed so far. */
  public long sum() {
    return count.sum();
  }

  /** How many tests failed since the last call, for a host's counter ({@link SharedCount}). */
  public long takeUnreported() {
    return count.takeUnreported();
  }

  /**
   * The first failure counted with its reason ({@link #record}), for the one caller that reports
   * it: non-null once, for the first call after it was counted, so that a host with many workers
   * says it once.
   */
  public String takeFirst() {
    if (firstTaken.get()) {
      return null; // asked after every event of a rule with errors: a read, not a CAS, then
    }
    String reason = first.get();
    return reason != null && firstTaken.compareAndSet(false, true) ? reason : null;
  }

  private static String reason(String jsonPath, RuntimeException thrown) {
    String message = thrown.getMessage();
    String reason = (jsonPath == null ? "" : jsonPath + ": ")
        + (message == null || message.isBlank() ? thrown.getClass().getName() : message.strip());
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
  }
}
