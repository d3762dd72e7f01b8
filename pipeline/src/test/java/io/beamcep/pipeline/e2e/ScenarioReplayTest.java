package io.beamcep.pipeline.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.testing.Scenarios;
import java.nio.file.Files;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
    CepPipelineOptions options = replay(Scenarios.eventsFile(scenario), dir);
    options.setRulesFile(Scenarios.rulesFile(scenario).toString());

    assertThat(alertSummaries(options, dir), is(expectedSummaries(scenario)));
  }

  /**
   * Each scenario's events reshaped as many streams carry them: the user in an object of its
   * own ({@code "user": {"id": ...}}), the time as a Unix time with a fraction in another
   * ({@code "meta": {"ts": 1577836860.000}}), keyed and timed by dotted names. Expected: the
   * scenario's matches, as from the flat events.
   */
  @ParameterizedTest(name = "scenario {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void nestedEventsTimedInEpochSecondsGiveTheSameMatches(int scenario, @TempDir Path dir)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> nested = new ArrayList<>();
    for (String line : Scenarios.lines(Scenarios.eventsFile(scenario))) {
      ObjectNode event = (ObjectNode) json.readTree(line);
      long millis = LocalDateTime.parse(event.remove("eventTime").asText(), SQL_TIME)
          .toInstant(ZoneOffset.UTC).toEpochMilli();
      event.putObject("user").put("id", event.remove("userId").asText());
      event.putObject("meta").put("ts", BigDecimal.valueOf(millis, 3));
      nested.add(event.toString());
    }
    Path events = Files.write(dir.resolve("events.jsonl"), nested);
    CepPipelineOptions options = replay(events, dir);
    options.setRulesFile(Scenarios.rulesFile(scenario).toString());
    options.setKeyFields("user.id");
    options.setTimeField("meta.ts");
    options.setTimeFormat("EPOCH_SECONDS");

    assertThat(alertSummaries(options, dir), is(expectedSummaries(scenario)));
  }

  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.S");

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
    CepPipelineOptions options = replay(events, dir);
    options.setRulesFile(Scenarios.rulesFile(2).toString());
    options.setTieBreakField("id");

    assertThat(alertSummaries(options, dir), is(List.of(MatchSummary.ofExpected(
        "{\"ruleId\": \"1\", \"ruleVersion\": 1, \"key\": \"517014550\", "
            + "\"events\": {\"cart_add\": [1], \"purchase\": [2]}}"))));
  }

  /** A bounded event-time replay of {@code events}, its alerts as JSON lines in {@code dir}. */
  private static CepPipelineOptions replay(Path events, Path dir) {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setSource(CepPipelineOptions.SourceKind.file);
    options.setInputFile(events.toString());
    options.setUsingEventTime(true);
    options.setSinks("jsonl");
    options.setOutputFile(dir.resolve("alerts").toString());
    return options;
  }

  /** Runs the replay; its alerts' summaries, sorted. */
  private static List<String> alertSummaries(CepPipelineOptions options, Path dir)
      throws Exception {
    Pipeline pipeline = Pipeline.create(options);
    CepPipeline.build(pipeline, options);
    pipeline.run().waitUntilFinish();
    return MatchSummary.sorted(Files.readAllLines(dir.resolve("alerts.jsonl")).stream()
        .map(MatchSummary::ofAlertJson).toList());
  }

  private static List<String> expectedSummaries(int scenario) {
    return MatchSummary.sorted(Scenarios.lines(Scenarios.expectedFile(scenario)).stream()
        .map(MatchSummary::ofExpected).toList());
  }
}
