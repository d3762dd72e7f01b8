package io.beamcep.pipeline.rules;

import static io.beamcep.pipeline.rules.RulePatterns.FUNCTION;
import static io.beamcep.pipeline.rules.RulePatterns.GOOD;
import static io.beamcep.pipeline.rules.RulePatterns.OTHER_GOOD;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which active rows the poller warns about: changed without a new version. */
class EditedInPlaceTest {

  @Test
  void aRowWhosePatternOrFunctionChangedUnderItsVersionIsNamed() {
    List<RuleRow> before = List.of(new RuleRow("a", 1, GOOD, FUNCTION),
        new RuleRow("b", 1, GOOD, FUNCTION), new RuleRow("c", 1, GOOD, FUNCTION));
    List<RuleRow> after = List.of(new RuleRow("a", 1, OTHER_GOOD, FUNCTION),
        new RuleRow("b", 1, GOOD, null), new RuleRow("c", 1, GOOD, FUNCTION));
    assertThat(PollRuleTableFn.editedInPlace(before, after), contains(
        new RuleRow("a", 1, OTHER_GOOD, FUNCTION), new RuleRow("b", 1, GOOD, null)));
  }

  @Test
  void newVersionsAndNewRulesAreNotEdits() {
    List<RuleRow> before = List.of(new RuleRow("a", 1, GOOD, FUNCTION));
    List<RuleRow> after = List.of(new RuleRow("a", 2, OTHER_GOOD, FUNCTION),
        new RuleRow("d", 1, OTHER_GOOD, FUNCTION));
    assertThat(PollRuleTableFn.editedInPlace(before, after), empty());
  }
}
