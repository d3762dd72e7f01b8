package io.beamcep.runners.bench;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.event.EventParseConfig;
import io.beamcep.pipeline.event.ParseEvents;
import io.beamcep.pipeline.event.ParseResult;
import io.beamcep.pipeline.event.TimestampFormat;
import io.beamcep.pipeline.io.JsonLinesEvents;
import io.beamcep.pipeline.match.CepMatch;
import io.beamcep.pipeline.match.CepMatchConfig;
import io.beamcep.pipeline.match.CepMatchResult;
import io.beamcep.pipeline.match.TimeMode;
import io.beamcep.pipeline.match.TimeoutEmission;
import io.beamcep.pipeline.rules.RulesResult;
import io.beamcep.pipeline.rules.StaticRules;
import io.beamcep.runners.EmbeddedFlinkFiles;
import io.beamcep.runners.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * Our pipeline's matching path as the bench runs it: JSON lines file -> parse (key userId, event
 * time from eventTime) -> CepMatch with the rule rows -> a sink that only counts alerts in a Beam
 * counter. The same transforms {@code cep run} uses, minus the output sinks.
 */
final class BeamJob {
  private static final String NAMESPACE = "beamcep.bench";
  private static final String ALERTS = "alerts";

  private BeamJob() {}

  /**
   * What the Beam job reports: complete matches (alerts), and events the matcher refused as late
   * (behind the watermark): any of those can explain a match count below Flink CEP's.
   */
  record Counts(long alerts, long lateEvents) {}

  /**
   * How the job runs, FlinkRunner only but for batch mode on the heap: {@code streaming} in
   * Flink's streaming mode; {@code rocksdb} (and streaming) with the keyed state in RocksDB;
   * {@code processingTime} (and streaming) matching on the runner's processing-time clock.
   */
  record Mode(boolean streaming, boolean rocksdb, boolean processingTime) {
    /** Streaming, asked for or implied by RocksDB or processing time. */
    boolean isStreaming() {
      return streaming || rocksdb || processingTime;
    }

    /** The mode as the bench's header names it. */
    String label() {
      if (processingTime) {
        return "streaming in processing time";
      }
      return isStreaming() ? "streaming" : "batch";
    }
  }

  /**
   * Runs to the end of the file in {@code mode}; with RocksDB its checkpoint directory is a
   * temporary one, deleted afterwards.
   */
  static Counts run(String rowsJsonArray, Path events, String runner, int parallelism, Mode mode)
      throws IOException {
    boolean streaming = mode.isStreaming();
    if (streaming && !runner.equals("FlinkRunner")) {
      throw new IllegalArgumentException("streaming and RocksDB run on FlinkRunner, not " + runner);
    }
    TimeMode time = mode.processingTime() ? TimeMode.PROCESSING_TIME : TimeMode.EVENT_TIME;
    if (!mode.rocksdb()) {
      return run(rowsJsonArray, events, runner, parallelism, time,
          streaming ? List.of("--streaming=true") : List.of());
    }
    Path stateDirectory = Files.createTempDirectory("cep-bench-rocksdb-");
    try {
      return run(rowsJsonArray, events, runner, parallelism, time, List.of("--streaming=true",
          "--stateBackend=rocksdb", "--stateBackendStoragePath=" + stateDirectory.toUri()));
    } finally {
      FileTrees.delete(stateDirectory);
    }
  }

  private static Counts run(String rowsJsonArray, Path events, String runner, int parallelism,
      TimeMode time, List<String> extraArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("--runner=" + runner));
    args.addAll(extraArgs);
    if (runner.equals("FlinkRunner")) {
      args.add("--flinkMaster=[local]");
      args.add("--parallelism=" + parallelism);
      // Elements are not mutated downstream: skip the defensive copy between chained operators.
      args.add("--fasterCopy=true");
    } else if (runner.equals("DirectRunner")) {
      args.add("--targetParallelism=" + parallelism);
      // The checks re-encode every element: they test our coders, not the pipeline's speed.
      args.add("--enforceImmutability=false");
      args.add("--enforceEncodability=false");
    } else {
      throw new IllegalArgumentException(
          "--runner must be DirectRunner or FlinkRunner, not " + runner);
    }
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).create();
    Pipeline pipeline = Pipeline.create(options);
    EventParseConfig parsing =
        EventParseConfig.defaults()
            .withKeyFields("userId")
            .withTimestampField("eventTime")
            .withTimestampFormat(TimestampFormat.SQL_DATETIME);
    ParseResult parsed =
        pipeline
            .apply("Source", JsonLinesEvents.read(events.toString()))
            .apply("Parse", ParseEvents.sourced(parsing));
    RulesResult rules =
        pipeline.apply("Rules", StaticRules.of(StaticRules.parseRows(rowsJsonArray)));
    CepMatchConfig config =
        CepMatchConfig.defaults().withTimeMode(time).withTimeouts(TimeoutEmission.PER_RULE);
    if (time == TimeMode.EVENT_TIME) {
      // Flink CEP sees a user's events in generator order, ties included; the generator's running
      // id restores that order after Beam's shuffle.
      config = config.withTieBreakField("id");
    }
    CepMatchResult matched =
        parsed.events().apply("Match", CepMatch.with(rules, config));
    matched.alerts().apply("CountAlerts", ParDo.of(new CountAlerts()));
    PipelineResult result;
    try (EmbeddedFlinkFiles flinkFiles = EmbeddedFlinkFiles.forEmbeddedRun(options)) {
      result = pipeline.run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the Beam job ended " + state);
      }
    }
    return new Counts(
        counter(result, NAMESPACE, ALERTS),
        counter(result, CepMatch.METRICS_NAMESPACE, "late_events"));
  }

  private static long counter(PipelineResult result, String namespace, String name) {
    long total = 0;
    for (MetricResult<Long> counter :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(namespace, name))
                    .build())
            .getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  private static final class CountAlerts extends DoFn<Alert, Void> {
    private final Counter alerts = Metrics.counter(NAMESPACE, ALERTS);

    @ProcessElement
    public void count() {
      alerts.inc();
    }
  }
}
