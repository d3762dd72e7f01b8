package io.beamcep.pipeline.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.testing.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled pipeline as a bounded replay (file source, rules file, JSON-lines sink) on the
 * DirectRunner: each scenario's events give exactly Flink CEP's matches.
 */
class ScenarioReplayTest {

  // Event time only: a bounded replay has no meaningful arrival time (processing time is covered
  // by the Kafka end-to-end test).
  @ParameterizedTest(name = "scenario {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void theScenarioGivesExactlyTheExpectedMatches(int scenario, @TempDir Path dir)
      throws Exception {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setSource(CepPipelineOptions.SourceKind.file);
    options.setInputFile(Scenarios.eventsFile(scenario).toString());
    options.setRulesFile(Scenarios.rulesFile(scenario).toString());
    options.setUsingEventTime(true);
    options.setSinks("jsonl");
    options.setOutputFile(dir.resolve("alerts").toString());
    Pipeline pipeline = Pipeline.create(options);
    CepPipeline.build(pipeline, options);
    pipeline.run().waitUntilFinish();

    assertThat(
        MatchSummary.sorted(
            Files.readAllLines(dir.resolve("alerts.jsonl")).stream().map(MatchSummary::ofAlertJson).toList()),
        is(MatchSummary.sorted(
            Scenarios.lines(Scenarios.expectedFile(scenario)).stream().map(MatchSummary::ofExpected).toList())));
  }
}
