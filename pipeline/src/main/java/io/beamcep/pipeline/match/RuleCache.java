package io.beamcep.pipeline.match;

import io.beamcep.pipeline.rules.RuleSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest compiled rules per matcher transform, shared by every DoFn instance of that transform
 * in this JVM. Needed because Beam cannot read side inputs in {@code @OnTimer}: elements refresh
 * it, timers read it. Rules are compiled once per JVM per changed rule set, not per instance.
 */
final class RuleCache {
  private static final ConcurrentHashMap<String, CompiledRuleSet> LATEST =
      new ConcurrentHashMap<>();

  private RuleCache() {}

  /**
   * The compiled form of {@code rules}, compiling only when it differs from the cached one;
   * {@code config} is the transform's, so the same for every call with one transform id.
   */
  static CompiledRuleSet refresh(String transformId, RuleSet rules, CepMatchConfig config) {
    return LATEST.compute(
        transformId,
        (id, cached) ->
            cached != null && cached.source().equals(rules)
                ? cached
                : CompiledRuleSet.compile(rules, config));
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
