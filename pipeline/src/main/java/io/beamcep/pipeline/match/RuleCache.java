package io.beamcep.pipeline.match;

import io.beamcep.pipeline.rules.RuleSet;
import io.beamcep.pipeline.rules.RuleSource;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest compiled rules per matcher transform, shared by every DoFn instance of that transform
 * in this JVM. Needed because Beam cannot read side inputs in {@code @OnTimer}: elements refresh
 * it, timers read it. Rules are compiled once per JVM per changed rule set, not per instance.
 */
final class RuleCache {
  private static final Logger LOG = LoggerFactory.getLogger(RuleCache.class);
  /** The wait after a first failed read of a rule source for timers ({@link #readForTimers}). */
  static final long TIMER_READ_FIRST_WAIT_MILLIS = 1000;
  /** The longest wait between two failed reads: the waits double up to it. */
  static final long TIMER_READ_LONGEST_WAIT_MILLIS = 60_000;

  private static final ConcurrentHashMap<String, CompiledRuleSet> LATEST =
      new ConcurrentHashMap<>();
  /** Per transform whose rule source failed to be read for timers: when to try again. */
  private static final ConcurrentHashMap<String, Backoff> TIMER_READS = new ConcurrentHashMap<>();

  /** The next read's time, and the wait that led to it. */
  private record Backoff(long nextReadAt, long waited) {}

  private RuleCache() {}

  /**
   * The compiled form of {@code rules}, compiling only when it differs from the cached one;
   * {@code config} is the transform's, so the same for every call with one transform id.
   */
  static CompiledRuleSet refresh(String transformId, RuleSet rules, CepMatchConfig config) {
    return LATEST.compute(transformId, (id, cached) -> {
      CompiledRuleSet same = cached == null ? null : cached.sameRulesAs(rules);
      return same != null ? same : CompiledRuleSet.compile(rules, config);
    });
  }

  /**
   * For a timer that fires before any element brought the rules into this JVM (just restored):
   * the rules cached since, else those {@code source} reads now, compiled and cached until the
   * side input replaces them. Null when the source cannot be read. A read blocks the timer (a
   * JDBC read gives up after some seconds), so after a failure the source is read again only
   * {@link #TIMER_READ_FIRST_WAIT_MILLIS} later, then after waits that double up to {@link
   * #TIMER_READ_LONGEST_WAIT_MILLIS}, however many keys' timers ask meanwhile: a restored job
   * whose database is down spends little of its time waiting on it, and its events, which bring
   * the side input, are matched between the reads. Reads one at a time.
   */
  static CompiledRuleSet readForTimers(String transformId, RuleSource source,
      CepMatchConfig config, long nowMillis) {
    CompiledRuleSet cached = LATEST.get(transformId);
    if (cached != null) {
      return cached;
    }
    synchronized (TIMER_READS) {
      cached = LATEST.get(transformId);
      Backoff backoff = TIMER_READS.get(transformId);
      if (cached != null || backoff != null && nowMillis < backoff.nextReadAt()) {
        return cached;
      }
      RuleSet rules;
      try {
        rules = source.read();
      } catch (Exception e) {
        long wait = backoff == null ? TIMER_READ_FIRST_WAIT_MILLIS
            : Math.min(TIMER_READ_LONGEST_WAIT_MILLIS, 2 * backoff.waited());
        TIMER_READS.put(transformId, new Backoff(nowMillis + wait, wait));
        LOG.warn("timers are due before any event brought the rules; cannot read them from {},"
            + " trying again in {} ms: {}", source, wait, e.toString());
        return null;
      }
      TIMER_READS.remove(transformId);
      CompiledRuleSet read = CompiledRuleSet.compile(rules, config);
      CompiledRuleSet raced = LATEST.putIfAbsent(transformId, read);
      LOG.info("timers are due before any event brought the rules: read {} rules from {}",
          rules.rows().size(), source);
      return raced != null ? raced : read;
    }
  }

  /**
   * The compiled rules for the side input value {@code latest}, given what this instance used
   * last. Per element, so the common case is cheap: the same generation means the same rows (the
   * rule source's contract), and runners may hand out a fresh copy of the value each time.
   */
  static CompiledRuleSet current(CompiledRuleSet used, String transformId, RuleSet latest,
      CepMatchConfig config) {
    if (used != null
        && (used.source() == latest || used.source().generation() == latest.generation())) {
      return used;
    }
    return refresh(transformId, latest, config);
  }

  /** The rules last seen by any instance of the transform in this JVM, or null if none yet. */
  static CompiledRuleSet latest(String transformId) {
    return LATEST.get(transformId);
  }
}
