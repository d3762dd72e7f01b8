package io.beamcep.runners.bench.latency;

import io.beamcep.runners.cli.PipelineArgs;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code cep bench-latency}: event produced -> alert consumed through a real Kafka broker, with
 * the {@code cep run} job in processing time on an embedded FlinkRunner. The defaults of the
 * runner knobs are the lowest-p99 settings measured at 5k events/s (BENCHMARKS.md).
 */
@Command(name = "bench-latency", mixinStandardHelpOptions = true,
    description = {
      "Measure alert latency through Kafka: a paced producer sends synthetic click events at "
          + "--rate to a fresh topic, the cep run job (processing time, the five seed rules, "
          + "Kafka sink) runs on an embedded Flink, and a consumer of the alert topic takes "
          + "alert consumed - send time of the alert's last event.",
      "Extra --name=value (or --name value) arguments are passed to the job as pipeline/runner"
          + " options."})
public final class LatencyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--bootstrapServers", required = true, paramLabel = "HOST:PORT",
      description = "The Kafka broker(s) to use (runners/bench/run-latency.sh starts one).")
  String bootstrapServers;

  @Option(names = "--rate", defaultValue = "5000", paramLabel = "N",
      description = "Events per second sent (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "60", paramLabel = "S",
      description = "Measured seconds (default ${DEFAULT-VALUE}).")
  int duration;

  @Option(
      names = "--warmup",
      defaultValue = "90",
      paramLabel = "S",
      description =
          "Seconds after the first alert that are not measured (default ${DEFAULT-VALUE}: at 5,000"
              + " events/s on 2 cores the job's JIT warm-up leaves a backlog that takes 60-100 s to"
              + " drain).")
  int warmup;

  @Option(names = "--drain", defaultValue = "3", paramLabel = "S",
      description = "Seconds the last measured alerts may still take (default ${DEFAULT-VALUE}).")
  int drain;

  @Option(names = "--users", defaultValue = "10000", paramLabel = "U",
      description = "Number of users = keys (default ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
      description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rules", defaultValue = "5", paramLabel = "K",
      description = "Copies of the five seed rules (default ${DEFAULT-VALUE}).")
  int rules;

  @Option(names = "--parallelism", defaultValue = "1", paramLabel = "P",
      description = "Flink parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--partitions", defaultValue = "2", paramLabel = "N",
      description = "Partitions of the event and alert topics (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--lingerMs", defaultValue = "0", paramLabel = "MS",
      description = "linger.ms of the bench's event producer (default ${DEFAULT-VALUE}).")
  int lingerMs;

  @Option(names = "--maxBundleSize", defaultValue = "1000", paramLabel = "N",
      description = "FlinkRunner elements per bundle (default ${DEFAULT-VALUE}).")
  long maxBundleSize;

  @Option(names = "--maxBundleTimeMills", defaultValue = "10", paramLabel = "MS",
      description = "FlinkRunner bundle time limit in ms (default ${DEFAULT-VALUE}).")
  long maxBundleTimeMills;

  @Option(
      names = "--fasterCopy",
      defaultValue = "false",
      arity = "1",
      paramLabel = "BOOL",
      description =
          "FlinkRunner: Beam's copy between chained operators and of state objects skipped; "
              + "cep run refuses it with heap state, whose snapshots need the state's copies "
              + "(default ${DEFAULT-VALUE}).")
  boolean fasterCopy;

  @Option(
      names = "--objectReuse",
      defaultValue = "true",
      arity = "1",
      paramLabel = "BOOL",
      description =
          "FlinkRunner: Flink passes records between chained operators without copying them; "
              + "state is copied for snapshots as before (default ${DEFAULT-VALUE}).")
  boolean objectReuse;

  @Option(names = "--bufferTimeoutMs", defaultValue = "5", paramLabel = "MS",
      description = "Flink network buffer flush interval (execution.buffer-timeout.interval); "
          + "-1 keeps Flink's 100 ms (default ${DEFAULT-VALUE}).")
  long bufferTimeoutMs;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Append one CSV line with the figures and settings to FILE.")
  Path csv;

  @Option(
      names = "--timeline",
      paramLabel = "FILE",
      description =
          "Write every match alert to FILE as rule,sent_ms,consumed_ms,latency_ms (ms since the"
              + " measured period began; negative during warm-up), to see stalls and backlogs over"
              + " time.")
  Path timeline;

  @Unmatched List<String> pipelineArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (rate <= 0 || duration < 1 || warmup < 0 || drain < 0 || users < 1 || rules < 1
        || parallelism < 1 || partitions < 1 || lingerMs < 0 || maxBundleSize < 1
        || maxBundleTimeMills < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--rate, --duration, --users, --rules, --parallelism, --partitions, --maxBundleSize and "
              + "--maxBundleTimeMills must be positive; --warmup, --drain and --lingerMs >= 0");
    }
    List<String> pipelineOptions = PipelineArgs.normalized(spec.commandLine(), pipelineArgs);
    LatencySettings settings = new LatencySettings(bootstrapServers, rate, warmup, duration, drain,
        users, seed, rules, parallelism, partitions, lingerMs, maxBundleSize, maxBundleTimeMills,
        fasterCopy, objectReuse, bufferTimeoutMs, List.copyOf(pipelineOptions));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "bench-latency: %.0f events/s, %d s measured after %d s warm-up, %,d users,"
            + " %d rules, %d cores, load average %.2f%n",
        rate,
        duration,
        warmup,
        users,
        rules,
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.println("settings: " + settings.describe());
    out.flush();
    LatencyReport report = LatencyBench.run(settings, out, timeline);
    out.printf(
        Locale.ROOT,
        "sent %,d events in the measured period = %.0f events/s; %,d match alerts"
            + " measured (%,d in the run, %,d timeouts not measured)%n",
        report.sentMeasured(),
        report.sendRate(),
        report.latency().count(),
        report.matchAlerts(),
        report.timeoutAlerts());
    out.println("latency produced -> alert consumed: " + report.latency().row());
    out.printf(Locale.ROOT, "alerts consumed in the measured period (%,d): %s%n",
        report.consumedInPeriod().count(), report.consumedInPeriod().row());
    out.printf(Locale.ROOT, "load average at the end: %.2f%n", report.loadAverage());
    out.flush();
    if (csv != null) {
      boolean fresh = !Files.exists(csv);
      try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        if (fresh) {
          w.write(LatencyReport.CSV_HEADER + "\n");
        }
        w.write(report.csv(settings) + "\n");
      }
    }
    if (report.unknownAlerts() > 0) {
      spec.commandLine().getErr().printf("cep bench-latency: %d alerts name events this run did not"
          + " send (stale alert topic?)%n", report.unknownAlerts());
      spec.commandLine().getErr().flush();
      return 1;
    }
    if (report.latency().count() == 0) {
      spec.commandLine()
          .getErr()
          .println(
              "cep bench-latency: no alert of an event sent in the measured period arrived within"
                  + " --drain; the job falls behind the rate (see the alerts consumed in the"
                  + " measured period)");
      spec.commandLine().getErr().flush();
      return 1;
    }
    return 0;
  }
}
