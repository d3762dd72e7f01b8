package io.beamcep.pipeline.match;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.model.RuleKey;
import io.beamcep.pipeline.alert.Alert;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns engine matches into alerts on the right output and counts them per rule version ({@code
 * matches_<id>_v<version>}, {@code timeouts_<id>_v<version>}). The timeout policy is the matcher's:
 * it makes timeouts only for the rules whose timeouts are emitted (CompiledRuleSet), so every
 * timeout that reaches here is one.
 */
final class MatchEmitter implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(MatchEmitter.class);

  // by rule version, so an alert costs a lookup and no counter name is built per alert
  private transient ConcurrentHashMap<RuleKey, Counter> matchCounters;
  private transient ConcurrentHashMap<RuleKey, Counter> timeoutCounters;

  void emit(List<Match> matches, CompiledRuleSet rules, String key, MultiOutputReceiver out) {
    for (Match match : matches) {
      Alert alert = Alert.of(match, rules.function(match.rule()).name(), key);
      if (match.kind() == Match.Kind.MATCH) {
        counter(Match.Kind.MATCH, match.rule()).inc();
        out.get(CepMatch.ALERTS).output(alert);
      } else {
        counter(Match.Kind.TIMEOUT, match.rule()).inc();
        out.get(CepMatch.TIMEOUTS).output(alert);
      }
    }
  }

  /**
   * Adds to each rule version's counters what its compiled rule counted since it was last asked:
   * the condition tests that failed and counted as false ({@code condition_errors_<id>_v<n>},
   * the first one's reason logged once per JVM) and the partial matches dropped over the limit
   * ({@code partial_matches_dropped_<id>_v<n>}). The workers of a JVM share the compiled rules,
   * and each count goes to the one worker that asks first, so the job's counters add up over
   * workers and JVMs; gauges of the shared counts did not (see SharedCount).
   */
  void reportRuleCounters(CompiledRuleSet rules) {
    for (CompiledRule rule : rules.matcher().rules()) {
      long errors = rule.takeUnreportedConditionErrors();
      if (errors > 0) {
        String name = CepMatch.CONDITION_ERRORS + rule.key().id() + "_v" + rule.key().version();
        Metrics.counter(CepMatch.METRICS_NAMESPACE, name).inc(errors);
        String first = rule.takeFirstConditionError();
        if (first != null) {
          LOG.warn("rule {} v{}: a condition failed at run time and counted as false, so the "
              + "rule may miss matches ({} counts them): {}",
              rule.key().id(), rule.key().version(), name, first);
        }
      }
      long dropped = rules.matcher().takeUnreportedPartialMatchesDropped(rule.key());
      if (dropped > 0) {
        counterOf(CepMatch.PARTIAL_MATCHES_DROPPED, rule.key()).inc(dropped);
      }
    }
  }

  private Counter counter(Match.Kind kind, RuleKey rule) {
    if (matchCounters == null) {
      matchCounters = new ConcurrentHashMap<>();
      timeoutCounters = new ConcurrentHashMap<>();
    }
    return kind == Match.Kind.MATCH
        ? matchCounters.computeIfAbsent(rule, r -> counterOf("matches_", r))
        : timeoutCounters.computeIfAbsent(rule, r -> counterOf("timeouts_", r));
  }

  private static Counter counterOf(String prefix, RuleKey rule) {
    return Metrics.counter(CepMatch.METRICS_NAMESPACE, prefix + rule.id() + "_v" + rule.version());
  }
}
