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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  /** Per problem, what its line starts with: the file it is in, when rules came from several. */
  private final List<String> problemOrigins = new ArrayList<>();
  /** Ids that more than one file gives ({@link #ofFiles}), a line each. */
  private final List<String> idsInSeveralFiles = new ArrayList<>();

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

  /**
   * The rows of every file, in the order given; with more than one file each problem line starts
   * with the file it is in ({@code rules/carts.json: rule 7 v1 at $.pattern...}). An id given by
   * two files is a problem too: one id is one rule, and pushing both would make one file's row
   * the newer version of the other's, hiding it (within one file, the later row is meant so).
   */
  public static RuleCheck ofFiles(List<Path> files) {
    RuleCheck check = new RuleCheck();
    Map<String, Path> fileOfId = new HashMap<>();
    for (Path file : files) {
      RuleCheck ofFile = ofJsonRows(RuleFile.rows(file));
      check.rules.addAll(ofFile.rules);
      check.problems.addAll(ofFile.problems);
      String origin = files.size() > 1 ? file + ": " : "";
      ofFile.problems.forEach(problem -> check.problemOrigins.add(origin));
      Set<String> ids = new LinkedHashSet<>();
      ofFile.rules.forEach(checked -> ids.add(checked.rule().id()));
      for (String id : ids) {
        Path earlier = fileOfId.putIfAbsent(id, file);
        if (earlier != null) {
          check.idsInSeveralFiles.add(file + ": rule " + id + " is also in " + earlier + ": one "
              + "id is one rule, and a push would make one file's row a newer version of the "
              + "other's");
        }
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

  /** True when every row compiled and no id was given by two files. */
  public boolean isValid() {
    return problems.isEmpty() && idsInSeveralFiles.isEmpty();
  }

  /**
   * One line per problem: {@code rule <id> v<version> at <json path>: <reason>}, after the file
   * it is in when the rules came from several ({@link #ofFiles}), then a line per id that several
   * files give.
   */
  public List<String> problemLines() {
    List<String> lines = new ArrayList<>(problems.size());
    for (int i = 0; i < problems.size(); i++) {
      String origin = i < problemOrigins.size() ? problemOrigins.get(i) : "";
      lines.add(origin + problems.get(i).getMessage().replaceAll("\\s+", " "));
    }
    lines.addAll(idsInSeveralFiles);
    return lines;
  }
}
