package io.beamcep.runners.bench.latency;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.runners.EmbeddedFlinkFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The job under test is {@code cep run} itself: the same options, Kafka source in processing time,
 * rules from a file, alerts through the Kafka sink, on an embedded FlinkRunner in streaming mode,
 * started detached so that the bench can cancel it.
 */
final class LatencyJob {
  private LatencyJob() {}

  /** The {@code cep run} arguments for these settings. */
  static List<String> args(LatencySettings settings, String inputTopic, String outputTopic,
      Path rulesFile, Path flinkConfDir) {
    List<String> args = new ArrayList<>(List.of(
        "--runner=FlinkRunner",
        "--flinkMaster=[local]",
        "--attachedMode=false",
        "--streaming=true",
        "--parallelism=" + settings.parallelism(),
        "--source=kafka",
        "--kafkaBrokers=" + settings.bootstrapServers(),
        "--inputTopic=" + inputTopic,
        "--startOffset=earliest",
        "--usingEventTime=false",
        "--rulesFile=" + rulesFile,
        "--sinks=kafka",
        "--outputTopic=" + outputTopic,
        "--maxBundleSize=" + settings.maxBundleSize(),
        "--maxBundleTimeMills=" + settings.maxBundleTimeMills(),
        "--fasterCopy=" + settings.fasterCopy(),
        "--objectReuse=" + settings.objectReuse(),
        "--flinkConfDir=" + flinkConfDir));
    args.addAll(settings.pipelineArgs());
    return args;
  }

  static PipelineResult start(List<String> args) {
    PipelineOptionsFactory.register(CepPipelineOptions.class);
    CepPipelineOptions options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
        .withValidation().as(CepPipelineOptions.class);
    return CepPipeline.run(options);
  }

  /**
   * The embedded cluster's files and configuration for the run: its temporary directories below a
   * directory of the run's own (the embedded cluster of a detached job is never closed, and its
   * working directory was left in /tmp after every run), and the network buffer timeout, for which
   * Beam has no option: Flink's default (flush every 100 ms) dominates a 50 ms target (measured p50
   * 108 ms against 13.5 ms with 5 ms, BENCHMARKS.md), because the keyed matcher is behind a network
   * shuffle even in one JVM; -1 keeps the default. Close it after the job.
   */
  static EmbeddedFlinkFiles flinkFiles(long bufferTimeoutMs) throws IOException {
    return EmbeddedFlinkFiles.create(bufferTimeoutMs < 0 ? ""
        : "execution:\n  buffer-timeout:\n    interval: " + bufferTimeoutMs + " ms\n");
  }
}
