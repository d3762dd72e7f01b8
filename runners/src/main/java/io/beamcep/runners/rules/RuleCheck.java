package io.beamcep.runners.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and compiles every rule row, collecting every problem instead of stopping at the first:
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

  public static RuleCheck ofTableRows(List<TableRow> rows) {
    RuleCheck check = new RuleCheck();
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    for (TableRow row : rows) {
      try {
        check.compile(compiler, RuleJson.parseRule(row.id(), row.version(), row.pattern(),
            row.function()));
      } catch (RuleException e) {
        check.problems.addAll(e.problems());
      }
    }
    return check;
  }

  private void compile(RuleCompiler compiler, Rule rule) {
    try {
      rules.add(new Checked(rule, compiler.compile(rule)));
    } catch (RuleException e) {
      problems.addAll((e.ruleId() == null ? e.forRule(rule.id(), rule.version()) : e).problems());
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
