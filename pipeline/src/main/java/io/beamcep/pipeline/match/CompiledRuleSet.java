package io.beamcep.pipeline.match;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.engine.Matcher;
import io.beamcep.patterns.model.RuleKey;
import io.beamcep.pipeline.alert.AlertFunction;
import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RuleSet} compiled into one {@link Matcher}, with each rule's alert function. Rows that
 * do not compile are skipped and listed in {@link #skipped()}: the rule source already reports
 * them, and one bad row must not stop the others.
 */
final class CompiledRuleSet {
  private static final Logger LOG = LoggerFactory.getLogger(CompiledRuleSet.class);

  private final RuleSet source;
  private final Matcher matcher;
  private final Map<RuleKey, AlertFunction> functions;
  private final List<String> skipped;

  private CompiledRuleSet(
      RuleSet source, Matcher matcher, Map<RuleKey, AlertFunction> functions,
      List<String> skipped) {
    this.source = source;
    this.matcher = matcher;
    this.functions = functions;
    this.skipped = skipped;
  }

  /**
   * Compiles {@code rules} for a matcher with the config's limit on partial matches (0: none) that
   * makes timeouts only for the rules whose timeouts the config's {@link TimeoutEmission} emits:
   * the others' would be thrown away, and making each walks the partial match's events.
   */
  static CompiledRuleSet compile(RuleSet rules, CepMatchConfig config) {
    int maxPartialMatchesPerRule = config.maxPartialMatchesPerRule();
    TimeoutEmission timeouts = config.timeouts();
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    List<CompiledRule> compiled = new ArrayList<>();
    Map<RuleKey, AlertFunction> functions = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    for (RuleRow row : rules.rows()) {
      AlertFunction function = AlertFunctions.find(row.function()).orElse(null);
      if (function == null) {
        skipped.add("rule (" + row.id() + ", " + row.version() + "): unknown function '"
            + row.function() + "'");
        continue;
      }
      try {
        CompiledRule rule = compiler.compile(
            io.beamcep.patterns.json.RuleJson.parseRule(
                row.id(), row.version(), row.pattern(), row.function()));
        compiled.add(rule);
        functions.put(rule.key(), function);
      } catch (RuntimeException e) {
        // RuleException mostly; anything else from one row must not stop the other rules either.
        skipped.add("rule (" + row.id() + ", " + row.version() + "): " + e.getMessage());
      }
    }
    Matcher matcher = Matcher.of(compiled,
        maxPartialMatchesPerRule == 0 ? Integer.MAX_VALUE : maxPartialMatchesPerRule,
        rule -> emitsTimeouts(timeouts, functions.get(rule)));
    // what a large table's owner checks: starts not found by value cost a test on every event
    LOG.info("Rules of generation {} compiled: {}", rules.generation(), matcher.startConditions());
    return new CompiledRuleSet(rules, matcher, Map.copyOf(functions),
        List.copyOf(skipped));
  }

  /** Whether timeout alerts of a rule with {@code function} are emitted under {@code timeouts}. */
  private static boolean emitsTimeouts(TimeoutEmission timeouts, AlertFunction function) {
    return timeouts == TimeoutEmission.ALL
        || (timeouts == TimeoutEmission.PER_RULE && function.emitsTimeouts());
  }

  RuleSet source() {
    return source;
  }

  /**
   * This compiled set for {@code rules} when they hold the same rows (another generation of equal
   * rules), else null: keys synced with its matcher then stay synced.
   */
  CompiledRuleSet sameRulesAs(RuleSet rules) {
    if (!source.rows().equals(rules.rows())) {
      return null;
    }
    return rules.equals(source) ? this : new CompiledRuleSet(rules, matcher, functions, skipped);
  }

  Matcher matcher() {
    return matcher;
  }

  AlertFunction function(RuleKey rule) {
    return functions.getOrDefault(rule, AlertFunctions.defaultFunction());
  }

  List<String> skipped() {
    return skipped;
  }

  boolean isEmpty() {
    return matcher.rules().isEmpty();
  }
}
