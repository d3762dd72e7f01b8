package io.beamcep.pipeline.rules;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.pipeline.alert.AlertFunctions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a rule row may become active. Serializable because the rule source runs on
 * workers; the default is the engine itself, so a row is active only if the matcher can run it.
 */
@FunctionalInterface
public interface RuleValidator extends Serializable {

  /**
   * Returns normally when the row can run; otherwise says why, naming the row, with every problem
   * found ({@link RuleException#problems}).
   */
  void check(RuleRow row) throws RuleException;

  /**
   * Parses the pattern with {@link RuleJson}, compiles it with the default condition registry
   * and requires the {@code function} column to name a registered alert function; a row wrong
   * in both is refused with the problems of both.
   */
  static RuleValidator engine() {
    return row -> {
      List<RuleException> problems = new ArrayList<>();
      try {
        new RuleCompiler(ConditionRegistry.defaults())
            .compile(RuleJson.parseRule(row.id(), row.version(), row.pattern(), row.function()));
      } catch (RuleException e) {
        problems.add(e.ruleId() == null ? e.forRule(row.id(), row.version()) : e);
      }
      AlertFunctions.problem(row.id(), row.version(), row.function()).ifPresent(problems::add);
      if (!problems.isEmpty()) {
        throw RuleException.all(problems);
      }
    };
  }
}
