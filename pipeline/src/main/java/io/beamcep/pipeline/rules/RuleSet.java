package io.beamcep.pipeline.rules;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/**
 * The active rules at one poll of the rule table: at most one row per id (the highest version that
 * compiles), sorted by id. The value of the rules side input.
 *
 * @param generation increases with every poll that changed the set; equal sets have equal rows
 * @param rows the active rows, one per id, sorted by id then version
 */
public record RuleSet(long generation, List<RuleRow> rows) implements Serializable {
  public RuleSet {
    rows =
        rows.stream()
            .sorted(Comparator.comparing(RuleRow::id).thenComparingInt(RuleRow::version))
            .toList();
  }

  public static RuleSet empty() {
    return new RuleSet(0, List.of());
  }
}
