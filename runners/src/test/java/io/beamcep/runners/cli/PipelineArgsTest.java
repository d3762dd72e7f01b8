package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.runners.CepRunner;
import io.beamcep.runners.Expected;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Pipeline options on cep's command line: {@code --name=value} as Beam writes them, or {@code
 * --name value} as every other option of cep takes its value; a boolean alone means true.
 */
class PipelineArgsTest {
  private static final CommandLine CLI = new CommandLine(new RunCommand());

  private static List<String> normalized(String... args) {
    return PipelineArgs.normalized(CLI, List.of(args));
  }

  @Test
  void aNameAndTheValueAfterItAreJoined() {
    assertEquals(List.of("--jdbcUrl=jdbc:mariadb://db/cep", "--tableName=rules"),
        normalized("--jdbcUrl", "jdbc:mariadb://db/cep", "--tableName=rules"));
    assertEquals(List.of("--maxOutOfOrdernessMs=-5"), normalized("--maxOutOfOrdernessMs", "-5"));
  }

  @Test
  void aBooleanAloneIsTrueAndMayBeGivenTrueOrFalse() {
    assertEquals(List.of("--usingEventTime=true", "--source=file"),
        normalized("--usingEventTime", "--source=file"));
    assertEquals(List.of("--timeouts=false", "--streaming=true"),
        normalized("--timeouts", "false", "--streaming", "TRUE"));
    assertEquals(List.of("--checkRulesAtLaunch=true"), normalized("--checkRulesAtLaunch"));
  }

  @Test
  void anUnknownNameKeepsItsValueSoThatBeamNamesIt() {
    assertEquals(List.of("--jdbcUrll=x"), normalized("--jdbcUrll", "x"));
  }

  @Test
  void whatCannotBeReadIsAUsageErrorNamingIt() {
    assertThat(assertThrows(CommandLine.ParameterException.class,
        () -> normalized("--jdbcUrl", "--tableName=rules")).getMessage(),
        equalTo("--jdbcUrl needs a value: --jdbcUrl=VALUE or --jdbcUrl VALUE"));
    assertThat(assertThrows(CommandLine.ParameterException.class,
        () -> normalized("--timeouts", "maybe")).getMessage(),
        equalTo("--timeouts is true or false (or alone, for true), got 'maybe'"));
    assertThat(assertThrows(CommandLine.ParameterException.class,
        () -> normalized("source=file")).getMessage(),
        containsString("pipeline options are written --name=value or --name value, got "
            + "'source=file'"));
  }

  @Test
  void cepRunTakesOptionsEitherWay() {
    CepRunner spaced = cep("run", "--dry-run", "--runner", "DirectRunner", "--source", "file",
        "--inputFile", Expected.events(1).toString(), "--rulesFile=" + Expected.rules(1),
        "--usingEventTime");

    assertThat(spaced.err(), spaced.exitCode(), equalTo(0));
    assertThat(spaced.err(), containsString("the job would start on the DirectRunner"));
    assertThat(spaced.err(), containsString("events: file " + Expected.events(1)));

    CepRunner valueMissing = cep("run", "--dry-run", "--jdbcUrl", "--tableName", "rules");
    assertThat(valueMissing.exitCode(), equalTo(2));
    assertThat(valueMissing.err(), containsString("--jdbcUrl needs a value"));
  }
}
