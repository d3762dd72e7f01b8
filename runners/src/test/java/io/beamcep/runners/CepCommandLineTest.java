package io.beamcep.runners;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

/** The command line's contract: help everywhere, exit 2 and one line for a wrong flag. */
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
}
