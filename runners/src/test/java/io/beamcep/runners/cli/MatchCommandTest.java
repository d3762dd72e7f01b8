package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamcep.runners.CepRunner;
import io.beamcep.runners.Expected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code cep match}: each testdata scenario, through the real pipeline, writes exactly the
 * matches Flink CEP 1.19 produces, with every event exactly as read.
 */
class MatchCommandTest {

  @TempDir Path dir;

  private List<String> match(int scenario, String runner, String... extra) {
    Path out = dir.resolve("scenario" + scenario + "-" + runner + ".jsonl");
    List<String> args = new java.util.ArrayList<>(List.of("match",
        "--rules", Expected.rules(scenario).toString(),
        "--events", Expected.events(scenario).toString(),
        "--out", out.toString(), "--runner", runner));
    args.addAll(List.of(extra));
    CepRunner result = cep(args.toArray(String[]::new));
    assertThat(result.err(), result.exitCode(), equalTo(0));
    assertThat(result.err(), not(containsString("dead letters")));
    return Expected.lines(out);
  }

  @ParameterizedTest(name = "scenario {0} on the DirectRunner")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void directRunnerWritesExactlyTheExpectedMatches(int scenario) {
    List<String> alerts = match(scenario, "DirectRunner");
    assertThat(Expected.normalized(alerts), equalTo(Expected.matches(scenario)));
    for (Map.Entry<JsonNode, JsonNode> event :
        Expected.eventsAgainstInput(alerts, Expected.events(scenario))) {
      assertThat(
          "events are written back exactly as read", event.getKey(), equalTo(event.getValue()));
    }
  }

  @ParameterizedTest(name = "scenario {0} on an embedded Flink")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void flinkRunnerWritesExactlyTheExpectedMatches(int scenario) {
    List<String> alerts = match(scenario, "FlinkRunner", "--parallelism=1");
    assertThat(Expected.normalized(alerts), equalTo(Expected.matches(scenario)));
  }

  /**
   * Scenario 4's rules and events files as a Windows editor saves them: a byte order mark first,
   * CRLF line ends. Expected: its match, event 1 (the events file's first line) among its events.
   * Before, the rules file was refused as not JSON at line 1, column 1.
   */
  @Test
  void filesSavedWithAByteOrderMarkAndCrlfMatchAsTheOriginals() throws IOException {
    Path rules = savedOnWindows(Expected.rules(4), "rules.json");
    Path events = savedOnWindows(Expected.events(4), "events.jsonl");
    Path out = dir.resolve("alerts.jsonl");

    CepRunner result = cep("match", "--rules", rules.toString(), "--events", events.toString(),
        "--out", out.toString());

    assertThat(result.err(), result.exitCode(), equalTo(0));
    List<String> alerts = Expected.lines(out);
    assertThat(Expected.normalized(alerts), equalTo(Expected.matches(4)));
    for (Map.Entry<JsonNode, JsonNode> event :
        Expected.eventsAgainstInput(alerts, Expected.events(4))) {
      assertThat("events are written back as read", event.getKey(), equalTo(event.getValue()));
    }
  }

  private Path savedOnWindows(Path original, String name) throws IOException {
    String text = Files.readString(original).replace("\r\n", "\n").replace("\n", "\r\n");
    return Files.write(dir.resolve(name), ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Scenario 2 with its cart condition written as {@code eventType == 'cart' && price > 200}, and
   * its events' prices as JSON text ("249.3"), which Aviator will not compare with a number.
   * Expected: no alert, and a line for the rule saying its condition failed (on each cart: two).
   * Before, the run ended with exit 0 and nothing said.
   */
  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void conditionsFailingAtRunTimeAreCountedPerRule(String runner) throws IOException {
    Path rules = Files.writeString(dir.resolve("rules.json"), Files.readString(Expected.rules(2))
        .replace("\"className\": \"com.alibaba.ververica.cep.demo.condition.CartAddCondition\","
            + "\n      \"type\": \"CLASS\"",
            "\"expression\": \"eventType == 'cart' && price > 200\", \"type\": \"AVIATOR\""));
    assertThat("the cart condition was replaced", Files.readString(rules),
        containsString("price > 200"));
    Path events = Files.writeString(dir.resolve("events.jsonl"), Files.readString(
        Expected.events(2)).replaceAll("\"price\": ([0-9.]+)", "\"price\": \"$1\""));
    Path out = dir.resolve("out.jsonl");

    CepRunner result = cep("match", "--rules", rules.toString(), "--events", events.toString(),
        "--out", out.toString(), "--runner", runner);

    assertThat(result.err(), result.exitCode(), equalTo(0));
    assertThat(Expected.lines(out), hasSize(0));
    assertThat(result.err(), containsString("rule 1 v1: 2 condition tests failed at run time "
        + "and counted as false (the first is logged above with its reason)"));
  }

  @Test
  void timeoutsAddTheAbandonedCart() {
    List<String> alerts = match(2, "DirectRunner", "--timeouts");
    List<JsonNode> timeouts = alerts.stream().map(Expected::read)
        .filter(a -> a.path("kind").asText().equals("TIMEOUT")).toList();
    assertThat(timeouts, hasSize(1));
    assertThat(timeouts.get(0).path("key").asText(), equalTo("517014550"));
    assertThat(
        timeouts.get(0).path("events").path("cart_add").get(0).path("id").asLong(), equalTo(1L));
  }

  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void badEventLinesBecomeDeadLettersAndTheGoodOnesStillMatch(String runner) throws IOException {
    Path events = dir.resolve("with-bad-lines.jsonl");
    List<String> lines = new java.util.ArrayList<>(Expected.lines(Expected.events(1)));
    lines.add(2, "garbage");
    lines.add("{\"id\": 99, \"eventTime\": \"not a time\", \"userId\": \"519698804\"}");
    Files.write(events, lines);
    Path out = dir.resolve("out.jsonl");
    CepRunner result = cep("match", "--rules", Expected.rules(1).toString(),
        "--events", events.toString(), "--out", out.toString(), "--runner", runner);
    assertThat(result.err(), result.exitCode(), equalTo(0));
    assertThat(Expected.normalized(Expected.lines(out)), equalTo(Expected.matches(1)));
    assertThat(result.err(), containsString(
        "2 of " + lines.size() + " event line(s) were dead letters"));
  }

  @Test
  void anEventsFileNoLineOfWhichCanBeReadIsBadInput() {
    // a wrong key field makes every line a dead letter: no alert could ever come
    CepRunner result = cep("match", "--rules", Expected.rules(1).toString(),
        "--events", Expected.events(1).toString(), "--key", "user_id");
    assertThat(result.exitCode(), equalTo(1));
    assertThat(result.err(), containsString("cep: none of the "
        + Expected.lines(Expected.events(1)).size() + " event line(s) of "));
    assertThat(result.err(), containsString("(key user_id, time field eventTime)"));
    assertThat(result.out(), equalTo(""));
  }

  @Test
  void missingFilesAndInvalidRulesStopBeforeTheJobStarts() throws IOException {
    CepRunner missing = cep("match", "--rules", dir.resolve("none.json").toString(),
        "--events", Expected.events(1).toString());
    assertThat(missing.exitCode(), equalTo(1));
    assertThat(missing.err(), containsString("none.json does not exist"));
    assertThat(missing.err().lines().count(), equalTo(1L));

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, Files.readString(Expected.rules(1))
        .replace("\"STRICT\"", "\"SOMETIMES\"").replace("\"MINUTES\"", "\"FORTNIGHTS\""));
    CepRunner invalid =
        cep("match", "--rules", bad.toString(), "--events", Expected.events(1).toString());
    assertThat(invalid.exitCode(), equalTo(1));
    // both problems of the rule, on the one line
    assertThat(invalid.err().lines().count(), equalTo(1L));
    assertThat(invalid.err(), allOf(containsString("rule 1 v1 at $.pattern.edges[0]"),
        containsString("; rule 1 v1 at $.pattern.window.time.unit")));
  }

  @Test
  void wrongRunnerOrUnknownPipelineOptionIsAUsageError() {
    CepRunner runner = cep("match", "--rules", Expected.rules(1).toString(),
        "--events", Expected.events(1).toString(), "--runner", "SparkRunner");
    assertThat(runner.exitCode(), equalTo(2));
    CepRunner option = cep("match", "--rules", Expected.rules(1).toString(),
        "--events", Expected.events(1).toString(), "--noSuchOption=1");
    assertThat(option.exitCode(), equalTo(2));
    assertThat(option.err(), containsString("noSuchOption"));
  }
}
