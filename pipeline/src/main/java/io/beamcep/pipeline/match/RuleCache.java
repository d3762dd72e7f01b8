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
 *
 * <p>Timers read the rule source themselves when no element brought the side input for a while
 * ({@link #forTimers}): before any element did (just restored), and when elements stopped coming
 * to this worker, whose rules would otherwise stay what they were then.
 */
final class RuleCache {
  private static final Logger LOG = LoggerFactory.getLogger(RuleCache.class);
  /** The wait after a first failed read of a rule source for timers ({@link #forTimers}). */
  static final long TIMER_READ_FIRST_WAIT_MILLIS = 1000;
  /** The longest wait between two failed reads: the waits double up to it. */
  static final long TIMER_READ_LONGEST_WAIT_MILLIS = 60_000;
  /** The side input's generation before any element brought one. */
  private static final long NO_SIDE_INPUT = -1;

  private static final ConcurrentHashMap<String, Cached> LATEST = new ConcurrentHashMap<>();
  /** Per transform whose rule source failed to be read for timers: when to try again. */
  private static final ConcurrentHashMap<String, Backoff> TIMER_READS = new ConcurrentHashMap<>();

  /** The next read's time, and the wait that led to it. */
  private record Backoff(long nextReadAt, long waited) {}

  /** What a transform's matchers in this JVM match with. */
  private static final class Cached {
    final CompiledRuleSet rules;
    /**
     * The generation of the side input these rules came with or, for rules a timer read from the
     * source, of the side input this JVM had then ({@link #NO_SIDE_INPUT} if none): they stand
     * until the side input changes, which it does only to newer rules than those.
     */
    final long sideInputGeneration;
    /** When the rules were last known current (wall clock): an element's side input, a read. */
    volatile long confirmedAt;

    Cached(CompiledRuleSet rules, long sideInputGeneration, long confirmedAt) {
      this.rules = rules;
      this.sideInputGeneration = sideInputGeneration;
      this.confirmedAt = confirmedAt;
    }
  }

  private RuleCache() {}

  /**
   * The compiled form of {@code rules}, a side input's value, compiling only when it differs from
   * the cached one; {@code config} is the transform's, so the same for every call with one
   * transform id. A side input of an older generation than the cached one's (an instance that has
   * not seen the newest yet) changes nothing: the cached rules are returned.
   */
  static CompiledRuleSet refresh(String transformId, RuleSet rules, CepMatchConfig config) {
    return refresh(transformId, rules, config, System.currentTimeMillis());
  }

  private static CompiledRuleSet refresh(String transformId, RuleSet rules, CepMatchConfig config,
      long nowMillis) {
    return LATEST.compute(transformId, (id, cached) -> {
      if (cached != null && rules.generation() <= cached.sideInputGeneration) {
        if (rules.generation() == cached.sideInputGeneration) {
          cached.confirmedAt = Math.max(cached.confirmedAt, nowMillis);
        }
        return cached;
      }
      CompiledRuleSet same = cached == null ? null : cached.rules.sameRulesAs(rules);
      return new Cached(same != null ? same : CompiledRuleSet.compile(rules, config),
          rules.generation(), nowMillis);
    }).rules;
  }

  /**
   * The compiled rules for an element whose side input is {@code latest}: those cached when it is
   * the generation they stand for (including rules a timer read since, which are newer), else
   * {@link #refresh}'s. Once per bundle.
   */
  static CompiledRuleSet current(String transformId, RuleSet latest, CepMatchConfig config,
      long nowMillis) {
    Cached cached = LATEST.get(transformId);
    if (cached != null && cached.sideInputGeneration == latest.generation()) {
      cached.confirmedAt = nowMillis; // a racing older time is only an earlier re-read
      return cached.rules;
    }
    return refresh(transformId, latest, config, nowMillis);
  }

  /**
   * The rules for a timer. Those cached, unless {@code source} says they may be stale: none yet
   * (no element brought the side input into this JVM, as just after a restore), or none confirmed
   * for {@link RuleSource#staleAfterMillis} (no element came). Then the source is read: rules that
   * differ replace the cached ones until the side input changes, and the same rows only confirm
   * them. Null when there are none and the source is null or cannot be read.
   *
   * <p>A read blocks the timer (a JDBC read gives up after some seconds), so it is made once for
   * all the timers that ask meanwhile, and after a failure the source is read again only {@link
   * #TIMER_READ_FIRST_WAIT_MILLIS} later, then after waits that double up to {@link
   * #TIMER_READ_LONGEST_WAIT_MILLIS}: a worker whose database is down spends little of its time
   * waiting on it, matching with the rules it has meanwhile.
   */
  static CompiledRuleSet forTimers(String transformId, RuleSource source, CepMatchConfig config,
      long nowMillis) {
    Cached cached = LATEST.get(transformId);
    if (source == null || cached != null && !isStale(cached, source, nowMillis)) {
      return rulesOf(cached);
    }
    synchronized (TIMER_READS) {
      cached = LATEST.get(transformId);
      Backoff backoff = TIMER_READS.get(transformId);
      if (cached != null && !isStale(cached, source, nowMillis)
          || backoff != null && nowMillis < backoff.nextReadAt()) {
        return rulesOf(cached);
      }
      RuleSet read;
      try {
        read = source.read();
      } catch (Exception e) {
        long wait = backoff == null ? TIMER_READ_FIRST_WAIT_MILLIS
            : Math.min(TIMER_READ_LONGEST_WAIT_MILLIS, 2 * backoff.waited());
        TIMER_READS.put(transformId, new Backoff(nowMillis + wait, wait));
        LOG.warn("timers {}; cannot read the rules from {}, trying again in {} ms: {}",
            why(cached), source, wait, e.toString());
        return rulesOf(cached);
      }
      TIMER_READS.remove(transformId);
      return store(transformId, cached, read, config, nowMillis, source);
    }
  }

  private static boolean isStale(Cached cached, RuleSource source, long nowMillis) {
    long staleAfter = source.staleAfterMillis();
    return staleAfter != Long.MAX_VALUE && nowMillis - cached.confirmedAt >= staleAfter;
  }

  /**
   * Caches what a timer {@code read} in place of {@code seen}, what it found cached (null: none),
   * unless the side input replaced that meanwhile.
   */
  private static CompiledRuleSet store(String transformId, Cached seen, RuleSet read,
      CepMatchConfig config, long nowMillis, RuleSource source) {
    if (seen != null && seen.rules.source().rows().equals(read.rows())) {
      seen.confirmedAt = nowMillis;
      return seen.rules;
    }
    Cached fresh = new Cached(CompiledRuleSet.compile(read, config),
        seen == null ? NO_SIDE_INPUT : seen.sideInputGeneration, nowMillis);
    boolean stored = seen == null
        ? LATEST.putIfAbsent(transformId, fresh) == null
        : LATEST.replace(transformId, seen, fresh);
    if (!stored) {
      return LATEST.get(transformId).rules; // an element brought the side input meanwhile
    }
    LOG.info("timers {}: read {} rules from {}{}", why(seen), read.rows().size(), source,
        seen == null ? "" : ", which changed since");
    return fresh.rules;
  }

  private static String why(Cached cached) {
    return cached == null ? "are due before any event brought the rules"
        : "are due and no event brought the rules for a while";
  }

  /** The rules last seen by any instance of the transform in this JVM, or null if none yet. */
  static CompiledRuleSet latest(String transformId) {
    return rulesOf(LATEST.get(transformId));
  }

  private static CompiledRuleSet rulesOf(Cached cached) {
    return cached == null ? null : cached.rules;
  }
}
