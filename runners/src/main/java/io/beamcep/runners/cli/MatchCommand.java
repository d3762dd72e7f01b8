package io.beamcep.runners.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.pipeline.event.ParseEvents;
import io.beamcep.pipeline.match.CepMatch;
import io.beamcep.runners.FileTrees;
import io.beamcep.runners.UserError;
import io.beamcep.runners.rules.RuleCheck;
import io.beamcep.runners.rules.RuleFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code cep match}: a rules file over an events file through the same pipeline as {@code run},
 * bounded and in event time, so the end of the input closes every window.
 */
@Command(name = "match", mixinStandardHelpOptions = true,
    description = {"Evaluate a rules file over an events file (JSON lines) through the alert "
        + "pipeline, in event time; the end of input closes every window. Prints one JSON alert "
        + "per line (each event exactly as read), ordered by first event time.",
        "An event line that cannot be read (not JSON, no key or time field) is logged as a dead "
        + "letter with its line number and counted on stderr; an events file none of whose lines "
        + "can be read is an error (exit 1). A condition that fails at run time (an expression "
        + "comparing text with a number) counts as false: the first failure of each rule is "
        + "logged with its reason, and a line per rule says so.",
        "Other --name=value options (e.g. --flinkMaster, --parallelism) go to Beam/Flink."})
public final class MatchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--rules", required = true, paramLabel = "FILE",
      description = "JSON array of rule rows {id, version, pattern, function}.")
  Path rules;

  @Option(names = "--events", required = true, paramLabel = "FILE",
      description = "Events, one JSON object per line.")
  Path events;

  @Option(
      names = "--key",
      defaultValue = "userId",
      paramLabel = "FIELD",
      description =
          "Field(s) forming the partition key, comma separated (default ${DEFAULT-VALUE}).")
  String key;

  @Option(names = "--time-field", defaultValue = "eventTime", paramLabel = "FIELD",
      description = "Field holding the event time (default ${DEFAULT-VALUE}).")
  String timeField;

  @Option(names = "--time-format", paramLabel = "FORMAT",
      description = "Format of the time field, as --timeFormat of the job (default: the job's, "
          + "the reference's yyyy-MM-dd HH:mm:ss.S in UTC).")
  String timeFormat;

  @Option(names = "--timeouts", description = "Also emit partial matches whose window closed.")
  boolean timeouts;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: stdout).")
  Path out;

  @Option(names = "--runner", defaultValue = "DirectRunner",
      description = "DirectRunner or FlinkRunner (default ${DEFAULT-VALUE}; FlinkRunner without "
          + "--flinkMaster runs an embedded Flink).")
  Runner runner;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  enum Runner {
    DirectRunner,
    FlinkRunner
  }

  @Override
  public Integer call() throws IOException {
    requireFile(rules, "rules");
    requireFile(events, "events");
    // Refuse bad rules before a runner spins up, with every problem named.
    RuleCheck check = RuleCheck.ofJsonRows(RuleFile.rows(rules));
    if (!check.isValid()) {
      throw new UserError(String.join("; ", check.problemLines()));
    }
    Path work = Files.createTempDirectory("cep-match");
    try {
      List<String> args = new ArrayList<>(List.of(
          "--runner=" + runner,
          "--source=file",
          "--inputFile=" + events.toAbsolutePath(),
          "--rulesFile=" + rules.toAbsolutePath(),
          "--keyFields=" + key,
          "--timeField=" + timeField,
          "--usingEventTime=true",
          "--timeouts=" + timeouts,
          "--sinks=jsonl",
          "--outputFile=" + work.resolve("alerts"),
          "--streaming=false"));
      if (timeFormat != null) {
        args.add("--timeFormat=" + timeFormat);
      }
      args.addAll(beamArgs);
      PipelineResult result = PipelineLauncher.runToEndWithResult(
          spec.commandLine(), PipelineLauncher.options(spec.commandLine(), args));
      if (result.getState() != PipelineResult.State.DONE) {
        throw new UserError("the match job ended " + result.getState());
      }
      reportDeadLetters(result);
      reportConditionErrors(result);
      List<String> alerts = ordered(collect(work));
      if (out == null) {
        PrintWriter stdout = spec.commandLine().getOut();
        alerts.forEach(stdout::println);
        stdout.flush();
      } else {
        Files.write(out, alerts, StandardCharsets.UTF_8);
        spec.commandLine().getErr().println(alerts.size() + " alert(s) written to " + out);
      }
      return 0;
    } finally {
      FileTrees.delete(work);
    }
  }

  /**
   * Says how many event lines were dead letters (each was logged with its line and reason), and
   * refuses an events file none of whose lines could be read: a wrong --key or --time-field made
   * every line a dead letter, and the run ended with no alert and exit 0.
   */
  private void reportDeadLetters(PipelineResult result) {
    long lines = parseCounter(result, "records_in");
    long deadLetters = parseCounter(result, "parse_errors");
    if (deadLetters == 0) {
      return;
    }
    if (deadLetters == lines) {
      throw new UserError("none of the " + lines + " event line(s) of " + events + " could be "
          + "read (key " + key + ", time field " + timeField + "); each dead letter above names "
          + "its line and why");
    }
    spec.commandLine().getErr().println(deadLetters + " of " + lines + " event line(s) were dead "
        + "letters (each logged above with its line and why); the others were matched");
    spec.commandLine().getErr().flush();
  }

  /**
   * Says, per rule, how many condition tests failed at run time and counted as false (the job
   * logged the first one's reason): a rule comparing a text field with a number matched nothing,
   * and the run ended with exit 0 and no word of why.
   */
  private void reportConditionErrors(PipelineResult result) {
    String prefix = CepMatch.CONDITION_ERRORS;
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(CepMatch.METRICS_NAMESPACE)).build());
    Map<String, Long> failedByRule = new TreeMap<>();
    for (MetricResult<Long> counter : metrics.getCounters()) {
      String name = counter.getName().getName();
      if (name.startsWith(prefix)) {
        failedByRule.merge(name.substring(prefix.length()), counter.getAttempted(), Long::sum);
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    failedByRule.forEach((rule, failed) -> {
      int version = rule.lastIndexOf("_v");
      err.println("rule " + rule.substring(0, version) + " " + rule.substring(version + 1) + ": "
          + failed + " condition tests failed at run time and counted as false (the first is "
          + "logged above with its reason)");
    });
    err.flush();
  }

  /** A counter of the event parser, summed over its steps; attempted: Flink commits none. */
  private static long parseCounter(PipelineResult result, String name) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(ParseEvents.METRICS_NAMESPACE, name)).build());
    long sum = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      sum += counter.getAttempted();
    }
    return sum;
  }

  private void requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new UserError(what + " file " + file + " does not exist");
    }
  }

  private static List<String> collect(Path work) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        if (file.getFileName().toString().startsWith("alerts")) {
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank()).forEach(lines::add);
        }
      }
    }
    return lines;
  }

  /** Files come in shards: order alerts by time, then rule and key, so runs are comparable. */
  static List<String> ordered(List<String> alerts) {
    record Keyed(long first, long last, String rule, String key, String line) {}
    List<Keyed> keyed = new ArrayList<>();
    for (String line : alerts) {
      try {
        JsonNode alert = JSON.readTree(line);
        keyed.add(
            new Keyed(
                alert.path("firstEventTime").asLong(),
                alert.path("lastEventTime").asLong(),
                alert.path("ruleId").asText(),
                alert.path("key").asText(),
                line));
      } catch (IOException e) {
        throw new UncheckedIOException("the jsonl sink wrote a line that is not JSON: " + line, e);
      }
    }
    keyed.sort(Comparator.comparingLong(Keyed::first).thenComparing(Keyed::rule)
        .thenComparing(Keyed::key).thenComparingLong(Keyed::last).thenComparing(Keyed::line));
    return keyed.stream().map(Keyed::line).toList();
  }
}
