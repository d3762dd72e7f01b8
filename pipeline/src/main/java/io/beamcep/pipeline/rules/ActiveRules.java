package io.beamcep.pipeline.rules;

import io.beamcep.patterns.RuleException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the active rows of a rule table: per id, the highest version that the validator accepts.
 * A failing highest version is reported and the next good version stays active, so a typo in a new
 * version never switches a working rule off. Versions below the active one are not validated: they
 * are not used, and reporting their old errors again would only be noise.
 */
public final class ActiveRules {

  /** The outcome of one selection. */
  public record Selection(List<RuleRow> active, List<RuleError> errors) {
    private static final int LISTED_RULES = 10;
    private static final int LISTED_ERRORS = 5;

    public Selection {
      active = List.copyOf(active);
      errors = List.copyOf(errors);
    }

    /**
     * The selection in a line, e.g. {@code 2 rules (1 v2, 5 v1); refused: rule 4 v3 at
     * $.pattern.window: ...}: the first ten active rules and the first five problems by name, so
     * that a table of thousands still gives a line a terminal can show.
     */
    public String summary() {
      StringBuilder text = new StringBuilder();
      text.append(active.size()).append(active.size() == 1 ? " rule" : " rules");
      if (!active.isEmpty()) {
        text.append(" (").append(String.join(", ", active.stream().limit(LISTED_RULES)
            .map(row -> row.id() + " v" + row.version()).toList()));
        if (active.size() > LISTED_RULES) {
          text.append(", and ").append(active.size() - LISTED_RULES).append(" more");
        }
        text.append(')');
      }
      if (!errors.isEmpty()) {
        text.append("; refused: ").append(String.join("; ", errors.stream().limit(LISTED_ERRORS)
            .map(RuleError::toString).toList()));
        if (errors.size() > LISTED_ERRORS) {
          text.append("; and ").append(errors.size() - LISTED_ERRORS)
              .append(" more problems (cep rules validate lists them all)");
        }
      }
      return text.toString();
    }
  }

  private ActiveRules() {}

  public static Selection select(List<RuleRow> rows, RuleValidator validator) {
    Map<String, List<RuleRow>> byId = new TreeMap<>();
    for (RuleRow row : rows) {
      byId.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row);
    }
    List<RuleRow> active = new ArrayList<>();
    List<RuleError> errors = new ArrayList<>();
    for (List<RuleRow> versions : byId.values()) {
      versions.sort(Comparator.comparingInt(RuleRow::version).reversed());
      for (RuleRow candidate : versions) {
        try {
          validator.check(candidate);
          active.add(candidate);
          break;
        } catch (RuleException e) {
          RuleException named =
              e.ruleId() == null ? e.forRule(candidate.id(), candidate.version()) : e;
          for (RuleException problem : named.problems()) {
            errors.add(RuleError.of(problem));
          }
        } catch (RuntimeException e) {
          // A validator bug must not take the whole rule table down: report it against the row.
          errors.add(
              new RuleError(candidate.id(), candidate.version(), "$", "cannot check rule: " + e));
        }
      }
    }
    return new Selection(active, errors);
  }
}
