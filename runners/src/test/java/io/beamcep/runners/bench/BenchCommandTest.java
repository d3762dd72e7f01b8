package io.beamcep.runners.bench;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.patterns.synthetic.TimedEvent;
import io.beamcep.runners.CepRunner;
import io.beamcep.runners.FlinkLeftovers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cep bench} in small: both engines on one stream must report the same matches. Not timed.
 */
class BenchCommandTest {

  @Test
  void bothEnginesFindTheSameMatchesOnASmallStreamAndReportEach() {
    CepRunner result = cep("bench", "--engine", "both", "--events", "2000", "--users", "40",
        "--seed", "42", "--parallelism", "1", "--state");
    assertThat(result.err(), result.exitCode(), equalTo(0));
    String out = result.out();
    assertThat(out, containsString("events/s"));
    // events, alerts, wall s, then cpu s
    Matcher cpu =
        Pattern.compile("beam\\s+FlinkRunner(\\s+[\\d,.]+){3}\\s+([\\d.]+)\\s").matcher(out);
    assertThat(out, cpu.find(), equalTo(true));
    assertThat("the job took CPU", Double.parseDouble(cpu.group(2)), greaterThan(0.0));
    assertThat(out, containsString("ratio beam/flink-cep events/s:"));
    Matcher agreed = Pattern.compile("match counts agree: (\\d+)").matcher(out);
    assertThat(out, agreed.find(), equalTo(true));
    // Agreement on zero matches would prove nothing: the seed rules must fire on this stream.
    assertThat(out, Long.parseLong(agreed.group(1)), greaterThan(0L));
    assertThat(out, containsString("beam       FlinkRunner"));
    assertThat(out, containsString("flink-cep  local"));
    assertThat(out, containsString("after every window: 0 keys hold state"));
  }

  /**
   * With RocksDB every access to a key's state goes through the coders (the matcher's key state,
   * its buffered events): the matches must be those of native Flink CEP all the same.
   */
  @Test
  void withRocksDbStateTheBeamJobFindsFlinkCepsMatches() {
    Set<Path> leftBefore = FlinkLeftovers.inTempDirectory();
    CepRunner result = cep("bench", "--engine", "both", "--events", "3000", "--users", "40",
        "--seed", "7", "--parallelism", "1", "--stateBackend", "rocksdb");
    assertThat(result.err(), result.exitCode(), equalTo(0));
    String out = result.out();
    assertThat(out, containsString("streaming, state backend rocksdb"));
    Matcher agreed = Pattern.compile("match counts agree: (\\d+)").matcher(out);
    assertThat(out, agreed.find(), equalTo(true));
    assertThat(out, Long.parseLong(agreed.group(1)), greaterThan(0L));
    // both engines' embedded clusters (and RocksDB's native library) leave nothing in /tmp
    assertThat(FlinkLeftovers.addedSince(leftBefore), empty());
  }

  /**
   * At parallelism 2 the users are spread over two matchers, each with its own keyed state and
   * timers and its own copy of the rules side input: the matches must be native Flink CEP's, in
   * batch and in streaming.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"batch", "streaming"})
  void keysSpreadOverTwoMatchersFindFlinkCepsMatches(String mode) {
    List<String> args = new ArrayList<>(List.of("bench", "--engine", "both", "--events", "2000",
        "--users", "40", "--seed", "7", "--parallelism", "2"));
    if (mode.equals("streaming")) {
      args.add("--streaming");
    }
    CepRunner result = cep(args.toArray(String[]::new));
    assertThat(result.err(), result.exitCode(), equalTo(0));
    String out = result.out();
    assertThat(out, containsString("parallelism 2, " + mode));
    Matcher agreed = Pattern.compile("match counts agree: (\\d+)").matcher(out);
    assertThat(out, agreed.find(), equalTo(true));
    assertThat(out, Long.parseLong(agreed.group(1)), greaterThan(0L));
  }

  /**
   * In processing time a short run closes no window (the seed rules' are 5 minutes and more), so
   * its matches are those the engine finds over each user's events in the generator's order, all
   * at one time; the job keeps its keyed state in RocksDB, read and written at every event.
   */
  @Test
  void inProcessingTimeTheBeamJobFindsTheEnginesMatchesInArrivalOrder() {
    CepRunner result = cep("bench", "--engine", "beam", "--processingTime", "--events", "3000",
        "--users", "40", "--seed", "7", "--parallelism", "1", "--stateBackend", "rocksdb");
    assertThat(result.err(), result.exitCode(), equalTo(0));
    String out = result.out();
    assertThat(out, containsString("streaming in processing time, state backend rocksdb"));
    Matcher row =
        Pattern.compile("beam\\s+FlinkRunner\\s+([\\d,]+)\\s+([\\d,]+)").matcher(out);
    assertThat(out, row.find(), equalTo(true));

    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    List<CompiledRule> rules = new ArrayList<>();
    for (Rule rule : RuleJson.parseRuleRows(BenchRules.asJsonArray(BenchRules.rows(5)))) {
      rules.add(compiler.compile(rule));
    }
    io.beamcep.patterns.engine.Matcher matcher = io.beamcep.patterns.engine.Matcher.of(rules);
    Map<String, KeyState> states = new HashMap<>();
    long matches = 0;
    for (TimedEvent timed
        : ClickStreamGenerator.builder().seed(7).users(40).events(3000).build()) {
      KeyState state = states.computeIfAbsent(
          timed.event().getString("userId"), user -> KeyState.empty());
      matches += matcher.process(state, timed.event(), 0).stream()
          .filter(match -> match.kind() == Match.Kind.MATCH).count();
    }
    assertThat(matches, greaterThan(0L));
    assertThat(out, row.group(2).replace(",", ""), equalTo(Long.toString(matches)));
  }

  @Test
  void processingTimeIsForTheBeamJobOnly() {
    CepRunner result = cep("bench", "--engine", "both", "--processingTime", "--events", "10");
    assertThat(result.exitCode(), equalTo(2));
    assertThat(result.err(), containsString("--processingTime runs with --engine beam only"));
  }

  @Test
  void rocksDbStateIsForTheFlinkRunnerOnly() {
    CepRunner result = cep("bench", "--engine", "beam", "--runner", "DirectRunner",
        "--stateBackend", "rocksdb", "--events", "10");
    assertThat(result.exitCode(), equalTo(2));
    assertThat(result.err(), containsString(
        "--stateBackend rocksdb, --streaming and --processingTime run with --runner FlinkRunner "
            + "only"));
  }

  @Test
  void zeroRulesRunsThePipelineAloneAndFindsNothing() {
    CepRunner result = cep("bench", "--engine", "beam", "--rules", "0", "--events", "2000",
        "--users", "40", "--parallelism", "1");
    assertThat(result.err(), result.exitCode(), equalTo(0));
    Matcher row =
        Pattern.compile("beam\\s+FlinkRunner\\s+([\\d,]+)\\s+([\\d,]+)").matcher(result.out());
    assertThat(result.out(), row.find(), equalTo(true));
    assertThat(row.group(1), equalTo("2,000"));
    assertThat(row.group(2), equalTo("0"));
  }

  @Test
  void zeroRulesHasNothingToCompareWithFlinkCep() {
    CepRunner result = cep("bench", "--engine", "both", "--rules", "0", "--events", "10");
    assertThat(result.exitCode(), equalTo(2));
    assertThat(
        result.err(),
        containsString("--rules 0 (the pipeline with no rule) runs with --engine beam only"));
  }

  @Test
  void anUnknownEngineIsAUsageError() {
    CepRunner result = cep("bench", "--engine", "spark", "--events", "10");
    assertThat(result.exitCode(), equalTo(2));
    assertThat(result.err(), containsString("'spark' is not an engine"));
  }

  @Test
  void seedRulesAreCopiedToTheRequestedCountWithDistinctIds() {
    var rows = BenchRules.rows(12);
    assertThat(rows.size(), equalTo(12));
    assertThat(rows.get(11), containsString("\"id\":\"12\""));
    assertThat(rows.get(11), containsString("SKIP_PAST_LAST_EVENT"));
  }
}
