package io.beamcep.runners.bench.latency;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.beamcep.runners.CepRunner;
import org.junit.jupiter.api.Test;

/** Usage errors are refused before any broker or job is touched. */
class LatencyCommandTest {

  @Test
  void theBrokerIsRequired() {
    CepRunner run = cep("bench-latency", "--rate", "100");

    assertThat(run.err(), run.exitCode(), equalTo(2));
    assertThat(run.err(), containsString("--bootstrapServers"));
  }

  @Test
  void aNonPositiveRateIsAUsageError() {
    CepRunner run = cep("bench-latency", "--bootstrapServers", "127.0.0.1:1", "--rate", "0");

    assertThat(run.err(), run.exitCode(), equalTo(2));
    assertThat(run.err(), containsString("--rate"));
  }

  @Test
  void pipelineOptionsMustBeNameEqualsValue() {
    CepRunner run = cep("bench-latency", "--bootstrapServers", "127.0.0.1:1", "stray");

    assertThat(run.err(), run.exitCode(), equalTo(2));
    assertThat(run.err(), containsString("'stray'"));
  }
}
