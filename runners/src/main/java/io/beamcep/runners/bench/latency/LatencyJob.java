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
   * A Flink configuration directory for the run: the network buffer timeout, for which Beam has no
   * option, and Flink's default (flush every 100 ms) dominates a 50 ms target (measured p50 108 ms
   * against 13.5 ms with 5 ms, BENCHMARKS.md), because the keyed matcher is behind a network
   * shuffle even in one JVM; -1 keeps the default. And Flink's temporary directories, below this
   * one ({@code work}): the embedded cluster of a detached job is never closed, so its working
   * directory ({@code minicluster_...}) was left in /tmp after every run. Remove the returned
   * directory, tree and all, after the job.
   */
  static Path flinkConfDir(long bufferTimeoutMs) throws IOException {
    Path dir = Files.createTempDirectory("cep-latency-flink-");
    Path work = Files.createDirectory(dir.resolve("work"));
    StringBuilder config = new StringBuilder();
    config.append("io:\n  tmp:\n    dirs: ").append(work).append('\n');
    if (bufferTimeoutMs >= 0) {
      config.append("execution:\n  buffer-timeout:\n    interval: ").append(bufferTimeoutMs)
          .append(" ms\n");
    }
    Files.writeString(dir.resolve("config.yaml"), config, StandardCharsets.UTF_8);
    return dir;
  }
}
