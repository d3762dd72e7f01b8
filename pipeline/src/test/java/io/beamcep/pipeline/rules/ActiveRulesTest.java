package io.beamcep.pipeline.rules;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.beamcep.pipeline.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rows of a rule table become active, judged by the real engine. */
class ActiveRulesTest {
  private static final String GOOD = Scenarios.patternText(1);
  private static final String OTHER_GOOD = Scenarios.patternText(2);
  private static final String DANGLING_EDGE =
      GOOD.replace("\"target\":\"second_view\"", "\"target\":\"nowhere\"");
  private static final String FUNCTION = Scenarios.function(1);

  @Test
  void theHighestVersionOfEachIdIsActive() {
    ActiveRules.Selection selection =
        ActiveRules.select(
            List.of(
                new RuleRow("a", 1, GOOD, FUNCTION),
                new RuleRow("a", 3, OTHER_GOOD, FUNCTION),
                new RuleRow("a", 2, GOOD, FUNCTION),
                new RuleRow("b", 1, GOOD, null)),
            RuleValidator.engine());

    assertThat(selection.active(), contains(
        new RuleRow("a", 3, OTHER_GOOD, FUNCTION), new RuleRow("b", 1, GOOD, null)));
    assertThat(selection.errors(), is(empty()));
  }

  @Test
  void aFailingHighestVersionIsReportedAndTheNextGoodVersionStaysActive() {
    assertThat(DANGLING_EDGE.equals(GOOD), is(false));
    ActiveRules.Selection selection =
        ActiveRules.select(
            List.of(
                new RuleRow("a", 1, GOOD, FUNCTION), new RuleRow("a", 2, DANGLING_EDGE, FUNCTION)),
            RuleValidator.engine());

    assertThat(selection.active(), contains(new RuleRow("a", 1, GOOD, FUNCTION)));
    assertThat(selection.errors(), hasSize(1));
    RuleError error = selection.errors().get(0);
    assertThat(error.id(), is("a"));
    assertThat(error.version(), is(2));
    assertThat(error.jsonPath(), startsWith("$.pattern"));
  }

  @Test
  void anIdWithNoValidVersionIsInactiveAndEveryVersionIsReported() {
    ActiveRules.Selection selection =
        ActiveRules.select(
            List.of(
                new RuleRow("bad", 1, "{not json", FUNCTION),
                new RuleRow("ok", 1, GOOD, FUNCTION)),
            RuleValidator.engine());

    assertThat(selection.active(), contains(new RuleRow("ok", 1, GOOD, FUNCTION)));
    assertThat(selection.errors(), hasSize(1));
    assertThat(selection.errors().get(0).toString(), startsWith("rule bad v1 at $.pattern"));
  }

  @Test
  void anUnknownAlertFunctionIsARuleError() {
    ActiveRules.Selection selection =
        ActiveRules.select(
            List.of(new RuleRow("a", 1, GOOD, "com.example.Unknown")), RuleValidator.engine());

    assertThat(selection.active(), is(empty()));
    assertThat(selection.errors().get(0).jsonPath(), is("$.function"));
    assertThat(selection.errors().get(0).reason(), containsString("com.example.Unknown"));
  }

  @Test
  void aPatternStoredAsAJsonStringIsAccepted() {
    String doubleEncoded = new com.fasterxml.jackson.databind.node.TextNode(GOOD).toString();
    ActiveRules.Selection selection =
        ActiveRules.select(
            List.of(new RuleRow("a", 1, doubleEncoded, FUNCTION)), RuleValidator.engine());

    assertThat(selection.errors(), is(empty()));
    assertThat(selection.active(), hasSize(1));
  }

  @Test
  void aValidatorBugIsReportedAgainstTheRowInsteadOfFailingThePoll() {
    ActiveRules.Selection selection =
        ActiveRules.select(
            List.of(new RuleRow("a", 1, GOOD, FUNCTION)),
            row -> {
              throw new IllegalStateException("boom");
            });

    assertThat(selection.active(), is(empty()));
    assertThat(selection.errors().get(0).reason(), containsString("boom"));
  }
}
