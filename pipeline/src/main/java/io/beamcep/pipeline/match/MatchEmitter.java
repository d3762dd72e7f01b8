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
   * Publishes each rule's failed condition evaluations so far ({@code condition_errors_<id>_v<n>},
   * a gauge: the compiled rule counts them for its whole life in this JVM), logging the first
   * one's reason once per JVM, and the partial matches dropped over the limit ({@code
   * partial_matches_dropped_<id>_v<n>}).
   */
  void reportRuleGauges(CompiledRuleSet rules) {
    for (CompiledRule rule : rules.matcher().rules()) {
      long errors = rule.conditionErrors();
      if (errors > 0) {
        String gauge =
            CepMatch.CONDITION_ERRORS + rule.key().id() + "_v" + rule.key().version();
        Metrics.gauge(CepMatch.METRICS_NAMESPACE, gauge).set(errors);
        String first = rule.takeFirstConditionError();
        if (first != null) {
          LOG.warn("rule {} v{}: a condition failed at run time and counted as false, so the "
              + "rule may miss matches ({} counts them): {}",
              rule.key().id(), rule.key().version(), gauge, first);
        }
      }
      // a gauge too: the matcher counts for the life of this compiled rule set in this JVM
      long dropped = rules.matcher().partialMatchesDropped(rule.key());
      if (dropped > 0) {
        Metrics.gauge(CepMatch.METRICS_NAMESPACE,
            "partial_matches_dropped_" + rule.key().id() + "_v" + rule.key().version())
            .set(dropped);
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
