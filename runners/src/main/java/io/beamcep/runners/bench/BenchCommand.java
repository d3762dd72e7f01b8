package io.beamcep.runners.bench;

import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.runners.UserError;
import io.beamcep.runners.bench.flinkcep.FlinkCepJob;
import io.beamcep.runners.cli.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cep bench}: the same synthetic stream and rule rows through our Beam pipeline and/or
 * native Flink CEP 1.19, both embedded in this JVM, in event time, with the same parallelism.
 * Prints events/s, alerts, wall time and peak heap per engine; with {@code --engine both} also the
 * throughput ratio, and exits 1 when the two engines disagree on the number of matches.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark our Beam pipeline against native Flink CEP on a synthetic stream.")
public final class BenchCommand implements Callable<Integer> {

  enum Engine { beam, flink_cep, both, none }

  @Spec CommandSpec spec;

  @Option(names = "--engine", defaultValue = "both", paramLabel = "E",
      converter = EngineConverter.class,
      description = "beam, flink-cep, both, or none (only --state) (default ${DEFAULT-VALUE}).")
  Engine engine;

  @Option(names = "--runner", defaultValue = "FlinkRunner", paramLabel = "R",
      description = "Beam runner for --engine beam: FlinkRunner (embedded [local]) or DirectRunner "
          + "(default ${DEFAULT-VALUE}).")
  String runner;

  @Option(names = "--events", defaultValue = "1000000", paramLabel = "N",
      description = "Number of events (default ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--users", defaultValue = "50000", paramLabel = "U",
      description = "Number of users = keys (default ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
      description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rules", defaultValue = "5", paramLabel = "K",
      description = "Number of rules: copies of the five seed rules with ids 1..K; 0 with "
          + "--engine beam measures the pipeline's own cost (read, parse, key, buffer, drain) "
          + "with no rule to match (default ${DEFAULT-VALUE}).")
  int rules;

  @Option(names = "--parallelism", defaultValue = "2", paramLabel = "P",
      description = "Parallelism of both engines (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--streaming",
      description = "Run the Beam job on FlinkRunner in streaming mode, as a Kafka job runs "
          + "(timers and buffered events in keyed state); without it, batch mode.")
  boolean streaming;

  @Option(names = "--processingTime",
      description = "Match on the runner's processing-time clock, as the reference system does "
          + "(implies --streaming; with --engine beam only: windows then span wall-clock time, so "
          + "its matches are not Flink CEP's event-time ones).")
  boolean processingTime;

  @Option(names = "--stateBackend", defaultValue = "heap", paramLabel = "B",
      description = "Where the Beam job on FlinkRunner keeps its keyed state: heap (objects) or "
          + "rocksdb (implies --streaming: each key's state decoded and encoded at every access, "
          + "as a job whose state outgrows the heap runs) (default ${DEFAULT-VALUE}).")
  String stateBackend;

  @Option(names = "--state",
      description = "Also measure the engine's serialized state per key over the same stream.")
  boolean state;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Append one CSV line per engine run to FILE (for charts).")
  Path csv;

  @Override
  public Integer call() throws Exception {
    if (events < 1 || users < 1 || parallelism < 1 || rules < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--events, --users and --parallelism must be >= 1, --rules >= 0");
    }
    if (rules == 0 && engine != Engine.beam) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--rules 0 (the pipeline with no rule) runs with --engine beam only");
    }
    if (!runner.equals("FlinkRunner") && !runner.equals("DirectRunner")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--runner must be FlinkRunner or DirectRunner, not " + runner);
    }
    if (!stateBackend.equals("heap") && !stateBackend.equals("rocksdb")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--stateBackend must be heap or rocksdb, not " + stateBackend);
    }
    BeamJob.Mode mode =
        new BeamJob.Mode(streaming, stateBackend.equals("rocksdb"), processingTime);
    if (mode.isStreaming() && !runner.equals("FlinkRunner")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--stateBackend rocksdb, "
          + "--streaming and --processingTime run with --runner FlinkRunner only");
    }
    if (processingTime && engine != Engine.beam) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--processingTime runs with --engine beam only");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<String> rows = BenchRules.rows(rules);
    String rowsArray = BenchRules.asJsonArray(rows);
    out.printf(Locale.ROOT, "bench: %,d events, %,d users, seed %d, %d rules, parallelism %d, "
        + "%s, state backend %s, %d cores, load average %.1f%n", events, users, seed, rules,
        parallelism, mode.label(), stateBackend,
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.println(BenchRun.HEADER);
    List<BenchRun> runs = new ArrayList<>();
    if (engine == Engine.beam || engine == Engine.both) {
      Path input = Files.createTempFile("cep-bench-", ".jsonl");
      try {
        writeEvents(input);
        HeapMeter.reset();
        long cpu = ProcessCpu.nanos();
        long start = System.nanoTime();
        BeamJob.Counts counts =
            BeamJob.run(rowsArray, input, runner, parallelism, mode);
        runs.add(report(out, new BenchRun("beam", runner, events, counts.alerts(),
            System.nanoTime() - start, cpuSince(cpu), HeapMeter.peakBytes())));
        if (counts.lateEvents() > 0) {
          out.printf(Locale.ROOT, "beam: %,d events refused as late (behind the watermark)%n",
              counts.lateEvents());
        }
      } finally {
        Files.deleteIfExists(input);
      }
    }
    if (engine == Engine.flink_cep || engine == Engine.both) {
      HeapMeter.reset();
      long cpu = ProcessCpu.nanos();
      long start = System.nanoTime();
      long matches = FlinkCepJob.run(rows, seed, users, events, parallelism);
      runs.add(report(out, new BenchRun("flink-cep", "local", events, matches,
          System.nanoTime() - start, cpuSince(cpu), HeapMeter.peakBytes())));
    }
    if (state) {
      StateProbe.Summary summary = StateProbe.measure(rowsArray, seed, users, events);
      out.printf(
          Locale.ROOT,
          "state: %,d keys seen; at the last event %,d keys hold state (%,d with "
              + "partial matches), %,d bytes = %.1f bytes per key with state; after every window: "
              + "%,d keys hold state%n",
          summary.keysSeen(),
          summary.keysWithState(),
          summary.keysWithPartials(),
          summary.bytes(),
          summary.bytesPerKeyWithState(),
          summary.keysWithStateAfterWindows());
    }
    out.flush();
    if (runs.size() == 2) {
      BenchRun beam = runs.get(0);
      BenchRun flink = runs.get(1);
      out.printf(Locale.ROOT, "ratio beam/flink-cep events/s: %.2f%n",
          beam.eventsPerSecond() / flink.eventsPerSecond());
      if (beam.matches() != flink.matches()) {
        spec.commandLine()
            .getErr()
            .printf(
                "cep bench: MATCH COUNTS DIFFER: beam %d, flink-cep %d%n",
                beam.matches(), flink.matches());
        spec.commandLine().getErr().flush();
        return 1;
      }
      out.println("match counts agree: " + beam.matches());
    }
    out.flush();
    return 0;
  }

  /** The process's CPU since {@code start} (a {@link ProcessCpu#nanos()}), -1 when unknown. */
  private static long cpuSince(long start) {
    long now = ProcessCpu.nanos();
    return start < 0 || now < 0 ? -1 : now - start;
  }

  private BenchRun report(PrintWriter out, BenchRun run) throws IOException {
    out.println(run.row());
    out.flush();
    if (csv != null) {
      boolean fresh = !Files.exists(csv);
      try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
        if (fresh) {
          w.write(BenchRun.CSV_HEADER + "\n");
        }
        w.write(run.csv(users, rules, parallelism) + "\n");
      }
    }
    return run;
  }

  /** The Beam job reads a file like {@code cep run --source=file}; writing it is not timed. */
  private void writeEvents(Path file) throws IOException {
    ClickStreamGenerator generator =
        ClickStreamGenerator.builder().seed(seed).users(users).events(events).build();
    try (Writer w = new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
        Progress progress = Progress.ofEvents("generate", events)) {
      generator.writeJsonLines(w, progress);
    } catch (IOException e) {
      throw new UserError("cannot write the bench input " + file + ": " + e.getMessage(), e);
    }
  }

  static final class EngineConverter implements CommandLine.ITypeConverter<Engine> {
    @Override
    public Engine convert(String value) {
      try {
        return Engine.valueOf(value.strip().toLowerCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an engine; use beam, flink-cep, both or none");
      }
    }
  }
}
