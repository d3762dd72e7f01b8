package io.beamcep.runners.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Rule;
import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.rules.RuleRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses and compiles every rule row and checks its alert function, as a job's rule source does,
 * collecting every problem instead of stopping at the first:
 * a user fixing a rule table wants the whole list at once. Each problem of a rule is one entry
 * ({@link RuleException#problems}).
 */
public final class RuleCheck {

  /** A row that compiled, with the row it came from. */
  public record Checked(Rule rule, CompiledRule compiled) {}

  private final List<Checked> rules = new ArrayList<>();
  private final List<RuleException> problems = new ArrayList<>();

  private RuleCheck() {}

  public static RuleCheck ofJsonRows(List<JsonNode> rows) {
    RuleCheck check = new RuleCheck();
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    for (int i = 0; i < rows.size(); i++) {
      try {
        check.compile(compiler, RuleJson.parseRuleRow(rows.get(i)));
      } catch (RuleException e) {
        check.problems.addAll(
            (e.ruleId() == null ? e.withReasonPrefix("row " + i + ": ") : e).problems());
      }
    }
    return check;
  }

  public static RuleCheck ofTableRows(List<RuleRow> rows) {
    RuleCheck check = new RuleCheck();
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    for (RuleRow row : rows) {
      try {
        check.compile(compiler, RuleJson.parseRule(row.id(), row.version(), row.pattern(),
            row.function()));
      } catch (RuleException e) {
        check.problems.addAll(e.problems());
      }
    }
    return check;
  }

  /** Compiles {@code rule} and checks its function column, as the job's rule source does. */
  private void compile(RuleCompiler compiler, Rule rule) {
    CompiledRule compiled = null;
    try {
      compiled = compiler.compile(rule);
    } catch (RuleException e) {
      problems.addAll((e.ruleId() == null ? e.forRule(rule.id(), rule.version()) : e).problems());
    }
    Optional<RuleException> function =
        AlertFunctions.problem(rule.id(), rule.version(), rule.function());
    function.ifPresent(problems::add);
    if (compiled != null && function.isEmpty()) {
      rules.add(new Checked(rule, compiled));
    }
  }

  public List<Checked> rules() {
    return List.copyOf(rules);
  }

  public List<RuleException> problems() {
    return List.copyOf(problems);
  }

  /** One line per problem: {@code rule <id> v<version> at <json path>: <reason>}. */
  public List<String> problemLines() {
    return problems.stream().map(e -> e.getMessage().replaceAll("\\s+", " ")).toList();
  }
}
