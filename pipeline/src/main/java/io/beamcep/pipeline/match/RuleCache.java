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
  /** The least time between two reads of a rule source for timers (see {@link #readForTimers}). */
  static final long TIMER_READ_INTERVAL_MILLIS = 1000;

  private static final ConcurrentHashMap<String, CompiledRuleSet> LATEST =
      new ConcurrentHashMap<>();
  /** Per transform, when its rule source was last read for timers. */
  private static final ConcurrentHashMap<String, Long> READ_FOR_TIMERS_AT =
      new ConcurrentHashMap<>();

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
   * side input replaces them. Null when the source cannot be read; it is then read again no
   * sooner than {@link #TIMER_READ_INTERVAL_MILLIS} later, however many keys' timers ask, so that
   * a restored job whose database is down does not read it once per key. Reads one at a time.
   */
  static CompiledRuleSet readForTimers(String transformId, RuleSource source,
      CepMatchConfig config, long nowMillis) {
    CompiledRuleSet cached = LATEST.get(transformId);
    if (cached != null) {
      return cached;
    }
    synchronized (READ_FOR_TIMERS_AT) {
      cached = LATEST.get(transformId);
      Long lastRead = READ_FOR_TIMERS_AT.get(transformId);
      if (cached != null
          || lastRead != null && nowMillis - lastRead < TIMER_READ_INTERVAL_MILLIS) {
        return cached;
      }
      READ_FOR_TIMERS_AT.put(transformId, nowMillis);
      RuleSet rules;
      try {
        rules = source.read();
      } catch (Exception e) {
        LOG.warn("timers are due before any event brought the rules; cannot read them from {},"
            + " retrying: {}", source, e.toString());
        return null;
      }
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
