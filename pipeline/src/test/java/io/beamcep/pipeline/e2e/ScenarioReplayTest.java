package io.beamcep.pipeline.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.testing.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
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
            Files.readAllLines(dir.resolve("alerts.jsonl")).stream()
                .map(MatchSummary::ofAlertJson)
                .toList()),
        is(MatchSummary.sorted(
            Scenarios.lines(Scenarios.expectedFile(scenario)).stream()
                .map(MatchSummary::ofExpected)
                .toList())));
  }

  /**
   * Rule: scenario 2's cart (price > 200) followed by a purchase. Events: one user's purchase
   * (id 2) written before their cart (id 1), both in the same millisecond. --tieBreakField=id
   * matches the cart first, so the purchase completes the match.
   */
  @Test
  void tieBreakFieldOrdersEventsOfTheSameMillisecond(@TempDir Path dir) throws Exception {
    String user = "\"userId\": \"517014550\", \"eventTime\": \"2020-01-01 01:01:01.0\"";
    Path events = dir.resolve("events.jsonl");
    Files.write(events, List.of(
        "{\"id\": 2, \"eventType\": \"purchase\", \"price\": 249.3, " + user + "}",
        "{\"id\": 1, \"eventType\": \"cart\", \"price\": 249.3, " + user + "}"));
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setSource(CepPipelineOptions.SourceKind.file);
    options.setInputFile(events.toString());
    options.setRulesFile(Scenarios.rulesFile(2).toString());
    options.setUsingEventTime(true);
    options.setTieBreakField("id");
    options.setSinks("jsonl");
    options.setOutputFile(dir.resolve("alerts").toString());
    Pipeline pipeline = Pipeline.create(options);
    CepPipeline.build(pipeline, options);
    pipeline.run().waitUntilFinish();

    assertThat(
        Files.readAllLines(dir.resolve("alerts.jsonl")).stream()
            .map(MatchSummary::ofAlertJson)
            .toList(),
        is(List.of(MatchSummary.ofExpected(
            "{\"ruleId\": \"1\", \"ruleVersion\": 1, \"key\": \"517014550\", "
                + "\"events\": {\"cart_add\": [1], \"purchase\": [2]}}"))));
  }
}
