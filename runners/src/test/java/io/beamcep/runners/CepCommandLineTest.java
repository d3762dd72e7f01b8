package io.beamcep.runners;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.beamcep.patterns.RuleException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line's contract: help everywhere, exit 2 and one line for a wrong flag, one line for
 * what went wrong.
 */
class CepCommandLineTest {

  @Test
  void helpListsEveryCommand() {
    CepRunner result = cep("--help");
    assertThat(result.exitCode(), equalTo(0));
    for (String command : new String[] {"run", "match", "rules", "generate", "templates"}) {
      assertThat(result.out(), containsString(command));
    }
  }

  @Test
  void unknownFlagIsOneLineAndExit2() {
    CepRunner result = cep("templates", "--no-such-flag");
    assertThat(result.exitCode(), equalTo(2));
    assertThat(result.err(), containsString("Unknown option: '--no-such-flag'"));
    assertThat(result.err().lines().count(), equalTo(2L));
    assertThat(result.err(), not(containsString("\tat ")));
  }

  @Test
  void noCommandIsAUsageError() {
    CepRunner result = cep();
    assertThat(result.exitCode(), equalTo(2));
    assertThat(result.err(), containsString("missing command"));
  }

  @Test
  void aRuleRefusedForSeveralProblemsIsOneLineNamingEach() {
    RuleException refused = RuleException.all(List.of(
        new RuleException("r1", 2, "$.pattern.edges[0].type", "unknown 'type' value 'X'"),
        new RuleException("r1", 2, "$.pattern.window.time.unit", "unknown 'unit' value 'Y'")));
    assertThat(Cep.oneLine(new IllegalStateException("wrapped", refused)),
        equalTo("rule r1 v2 at $.pattern.edges[0].type: unknown 'type' value 'X'; "
            + "rule r1 v2 at $.pattern.window.time.unit: unknown 'unit' value 'Y'"));
  }

  /**
   * Our own IllegalStateException says what is wrong as it is; one a library threw keeps its
   * class, which says where it came from (here the JDK's, from an iterator removing twice).
   */
  @Test
  void ourMessagesGoWithoutTheirClassALibrarysKeepIt() {
    assertThat(Cep.oneLine(new IllegalStateException("rules file r.json does not exist")),
        equalTo("rules file r.json does not exist"));
    java.util.Iterator<String> iterator = new java.util.ArrayList<>(List.of("a")).iterator();
    iterator.next();
    iterator.remove();
    IllegalStateException library =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            iterator::remove);
    assertThat(Cep.oneLine(library), equalTo("IllegalStateException"));
    assertThat(Cep.oneLine(new IllegalStateException("wrapped", library)),
        equalTo("wrapped (IllegalStateException)"));
  }

  @Test
  void aRootCauseTheMessageAlreadyQuotesIsNotRepeated() {
    java.sql.SQLException root = new java.sql.SQLException("Table \"T\" not found;\nSQL: SELECT");
    assertThat(Cep.oneLine(new IllegalStateException("cannot read rule table t: "
            + root.getMessage() + "; try again", root)),
        equalTo("cannot read rule table t: Table \"T\" not found; SQL: "
            + "SELECT; try again"));
    assertThat(Cep.oneLine(new IllegalStateException("cannot read rule table t", root)),
        equalTo("cannot read rule table t "
            + "(SQLException: Table \"T\" not found; SQL: SELECT)"));
  }
}
