package io.beamcep.runners.bench.latency;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        "--objectReuse=" + settings.objectReuse()));
    if (flinkConfDir != null) {
      args.add("--flinkConfDir=" + flinkConfDir);
    }
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
   * A Flink configuration directory setting only the network buffer timeout: Beam has no option
   * for it, and Flink's default (flush every 100 ms) dominates a 50 ms target (measured p50 108 ms
   * against 13.5 ms with 5 ms, BENCHMARKS.md), because the keyed matcher is behind a network
   * shuffle even in one JVM. Null for Flink's default.
   */
  static Path flinkConfDir(long bufferTimeoutMs) throws IOException {
    if (bufferTimeoutMs < 0) {
      return null;
    }
    Path dir = Files.createTempDirectory("cep-latency-flink-");
    Files.writeString(dir.resolve("config.yaml"),
        "execution:\n  buffer-timeout:\n    interval: " + bufferTimeoutMs + " ms\n",
        StandardCharsets.UTF_8);
    return dir;
  }
}
