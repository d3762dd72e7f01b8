package io.beamcep.pipeline.rules;

import static io.beamcep.pipeline.rules.RulePatterns.DANGLING_EDGE;
import static io.beamcep.pipeline.rules.RulePatterns.FUNCTION;
import static io.beamcep.pipeline.rules.RulePatterns.GOOD;
import static io.beamcep.pipeline.rules.RulePatterns.OTHER_GOOD;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rows of a rule table become active, judged by the real engine. */
class ActiveRulesTest {

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
  void aRuleFlinkCepWouldLoopForeverOnIsReportedAndTheOthersStayActive() {
    // views: (view? purchase?)+ then a cart. The group can repeat without taking an event; Flink
    // CEP (and our matcher, before the compiler refused it) did so on the first view, until the
    // task ran out of memory, and every restart read the same row again.
    String endlessGroup = """
        {"name": "cart", "type": "COMPOSITE", "version": 1,
         "nodes": [
           {"name": "cart", "type": "ATOMIC",
            "quantifier": {"consumingStrategy": "SKIP_TILL_NEXT", "properties": ["SINGLE"]},
            "condition": {"type": "AVIATOR", "expression": "eventType == 'cart'"}},
           {"name": "views", "type": "COMPOSITE",
            "quantifier": {"consumingStrategy": "SKIP_TILL_NEXT", "properties": ["LOOPING"]},
            "nodes": [
              {"name": "view", "type": "ATOMIC",
               "quantifier": {"consumingStrategy": "SKIP_TILL_NEXT",
                              "properties": ["SINGLE", "OPTIONAL"]},
               "condition": {"type": "AVIATOR", "expression": "eventType == 'view'"}},
              {"name": "purchase", "type": "ATOMIC",
               "quantifier": {"consumingStrategy": "SKIP_TILL_NEXT",
                              "properties": ["SINGLE", "OPTIONAL"]},
               "condition": {"type": "AVIATOR", "expression": "eventType == 'purchase'"}}],
            "edges": [{"source": "view", "target": "purchase", "type": "SKIP_TILL_NEXT"}]}],
         "edges": [{"source": "views", "target": "cart", "type": "SKIP_TILL_NEXT"}],
         "window": {"type": "FIRST_AND_LAST", "time": {"unit": "MINUTES", "size": 5}},
         "afterMatchStrategy": {"type": "NO_SKIP"}}
        """;
    ActiveRules.Selection selection =
        ActiveRules.select(
            List.of(new RuleRow("loop", 1, endlessGroup, FUNCTION),
                new RuleRow("ok", 1, GOOD, FUNCTION)),
            RuleValidator.engine());

    assertThat(selection.active(), contains(new RuleRow("ok", 1, GOOD, FUNCTION)));
    assertThat(selection.errors(), hasSize(1));
    RuleError error = selection.errors().get(0);
    assertThat(error.id(), is("loop"));
    assertThat(error.jsonPath(), is("$.pattern.nodes[1].quantifier"));
    assertThat(error.reason(), containsString("looping group must take an event"));
  }

  @Test
  void eachProblemOfARowIsAnErrorOfItsOwn() {
    // scenario 1's pattern with two bad values, and an alert function nobody registered
    String twoBadValues = GOOD.replace("\"STRICT\"", "\"SOMETIMES\"")
        .replace("\"MINUTES\"", "\"FORTNIGHTS\"");
    assertThat(twoBadValues.contains("SOMETIMES") && twoBadValues.contains("FORTNIGHTS"),
        is(true));
    ActiveRules.Selection selection =
        ActiveRules.select(List.of(new RuleRow("a", 1, twoBadValues, "com.example.Unknown")),
            RuleValidator.engine());

    assertThat(selection.active(), is(empty()));
    assertThat(selection.errors().stream().map(RuleError::jsonPath).toList(), contains(
        startsWith("$.pattern.edges["), startsWith("$.pattern.window"), is("$.function")));
    assertThat(selection.errors().stream().map(RuleError::id).distinct().toList(), contains("a"));
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

  @Test
  void aSummaryNamesTheRulesThatRunAndTheProblemsOfThoseRefused() {
    ActiveRules.Selection one = ActiveRules.select(
        List.of(new RuleRow("a", 1, GOOD, FUNCTION), new RuleRow("a", 2, DANGLING_EDGE, FUNCTION),
            new RuleRow("b", 4, "{not json", null)),
        RuleValidator.engine());
    assertThat(one.summary(), startsWith("1 rule (a v1); refused: rule a v2 at $.pattern"));
    assertThat(one.summary(), containsString("; rule b v4 at $.pattern: "));

    List<RuleRow> many = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(new RuleRow(String.format("r%02d", i), 1, GOOD, null));
      many.add(new RuleRow(String.format("s%02d", i), 1, "{not json", null));
    }
    String summary = ActiveRules.select(many, RuleValidator.engine()).summary();
    assertThat(summary, startsWith("12 rules (r00 v1, r01 v1, r02 v1, r03 v1, r04 v1, r05 v1, "
        + "r06 v1, r07 v1, r08 v1, r09 v1, and 2 more); refused: rule s00 v1 at $.pattern: "));
    assertThat(summary, containsString("rule s04 v1 at $.pattern"));
    assertThat(summary, not(containsString("rule s05 v1")));
    assertThat(summary, endsWith("; and 7 more problems (cep rules validate lists them all)"));
    assertThat(ActiveRules.select(List.of(), RuleValidator.engine()).summary(), is("0 rules"));
  }
}
