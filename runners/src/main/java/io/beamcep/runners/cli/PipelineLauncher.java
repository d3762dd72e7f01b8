package io.beamcep.runners.cli;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.CepPipelineOptions.SourceKind;
import io.beamcep.runners.EmbeddedFlinkFiles;
import io.beamcep.runners.FlinkClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;

/** Turns command-line arguments into pipeline options and runs the CEP pipeline. */
final class PipelineLauncher {
  private PipelineLauncher() {}

  /**
   * Parses Beam-style {@code --name=value} arguments; an unknown option or a bad value is a usage
   * error (exit 2) naming it, like every other wrong flag of the command line.
   */
  static CepPipelineOptions options(CommandLine cli, List<String> args) {
    List<String> all = new ArrayList<>(args);
    if (all.stream().noneMatch(a -> a.startsWith("--runner="))) {
      // A user starting "cep run" wants the real engine; the DirectRunner is for tests.
      all.add("--runner=FlinkRunner");
    }
    try {
      PipelineOptionsFactory.register(CepPipelineOptions.class);
      CepPipelineOptions options = PipelineOptionsFactory.fromArgs(all.toArray(String[]::new))
          .withValidation()
          .as(CepPipelineOptions.class);
      refuseUncopiedHeapSnapshots(options);
      refuseOrWarnWithoutCheckpoints(cli, options);
      warnOfCheckpointsInJobManagerMemory(cli, options);
      warnOfFoundPartitionsReadFromTheirEnd(cli, options);
      if (FlinkRunner.class.equals(options.getRunner()) && FlinkClient.isDetached()) {
        // `flink run -d`: Flink's client only submits; Beam must not wait for a result it
        // cannot get (it would fail after the job is already running).
        options.as(FlinkPipelineOptions.class).setAttachedMode(false);
      }
      return options;
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      int newline = message.indexOf('\n');
      throw new CommandLine.ParameterException(cli,
          newline < 0 ? message : message.substring(0, newline));
    }
  }

  /**
   * Refuses Beam's {@code --fasterCopy=true} for a streaming job on the FlinkRunner whose keyed
   * state is on the heap. The matchers change their state objects in place, and Flink's heap
   * backend isolates a checkpoint or savepoint that is being written from such changes by copying
   * a state object through its serializer when the task next reads it; {@code --fasterCopy}
   * makes that copy the object itself, so the snapshot would be written from objects the matcher
   * is changing. RocksDB snapshots bytes, and a batch job takes no snapshot. Flink's object reuse
   * ({@code --objectReuse=true}) skips the copies between chained operators alone.
   */
  private static void refuseUncopiedHeapSnapshots(CepPipelineOptions options) {
    if (!streamingOnFlink(options)) {
      return;
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    boolean heap = !"rocksdb".equalsIgnoreCase(flink.getStateBackend());
    if (heap && flink.getFasterCopy()) {
      throw new IllegalArgumentException("--fasterCopy=true would let checkpoints and savepoints "
          + "of the heap state read the matcher's state while it changes: use "
          + "--stateBackend=rocksdb with it, or leave it off (--objectReuse=true skips the "
          + "copies between chained operators and keeps the state's)");
    }
  }

  /**
   * A streaming job on the FlinkRunner without checkpoints. Refused with exactly-once Kafka writing
   * ({@code --kafkaSinkGroupId}): the writer is handed only input a completed checkpoint covers, so
   * it would write nothing and the job would look healthy. Refused with {@code --inputTopicGroup}:
   * the Kafka source commits the offsets it read when a checkpoint completes, so the group would
   * never move and a restarted job would read from {@code --startOffset} again. Refused with
   * {@code --partitionDiscoveryMs}: see its message. Otherwise warned of when it reads Kafka:
   * Flink does not restart such a job after a failure unless its configuration names a restart
   * strategy, and a restarted job would start every key's matching afresh; not refused, as a
   * trial run may want exactly that. A replay of a file is not warned
   * of (the README's first command is one): it ends by itself, and running it again is a restart.
   */
  private static void refuseOrWarnWithoutCheckpoints(
      CommandLine cli, CepPipelineOptions options) {
    if (!streamingOnFlink(options)
        || options.as(FlinkPipelineOptions.class).getCheckpointingInterval() > 0) {
      return;
    }
    if (!options.getKafkaSinkGroupId().isBlank()) {
      throw new IllegalArgumentException("--kafkaSinkGroupId writes alerts when a checkpoint "
          + "completes, and this job takes none: set --checkpointingInterval (ms), e.g. "
          + "--checkpointingInterval=10000");
    }
    if (options.getPartitionDiscoveryMs() > 0) {
      throw new IllegalArgumentException("--partitionDiscoveryMs reads with Beam's splittable "
          + "Kafka reader, which on the FlinkRunner needs checkpoints (without them its watermark "
          + "never moves, so an event-time job matches nothing, and it looks up partitions "
          + "without pause), and this job takes none: set --checkpointingInterval (ms), e.g. "
          + "--checkpointingInterval=10000");
    }
    if (!options.getInputTopicGroup().isBlank()) {
      throw new IllegalArgumentException("--inputTopicGroup commits the offsets read when a "
          + "checkpoint completes, and this job takes none: set --checkpointingInterval (ms), "
          + "e.g. --checkpointingInterval=10000");
    }
    if (options.getSource() != CepPipelineOptions.SourceKind.kafka) {
      return; // a replay of a file ends by itself: run again, it is what a restart would do
    }
    warn(cli, "this streaming job takes no checkpoints: Flink does not "
        + "restart it after a failure (its default without them) and every key's partial "
        + "matches would be lost; set --checkpointingInterval (ms), e.g. "
        + "--checkpointingInterval=10000");
  }

  /**
   * Warns of a streaming job on the FlinkRunner whose checkpoints would go to the JobManager's
   * memory ({@link CheckpointStorage}): once a task's state is above 5 MB every checkpoint fails
   * and the job restarts from its last one, over and over. Not refused: a job of a few keys stays
   * below it, and Flink itself allows it.
   */
  private static void warnOfCheckpointsInJobManagerMemory(CommandLine cli,
      CepPipelineOptions options) {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (!streamingOnFlink(options) || flink.getCheckpointingInterval() <= 0
        || !CheckpointStorage.inJobManagerMemory(flink)) {
      return;
    }
    warn(cli, "this job's checkpoints would go to the JobManager's "
        + "memory (Flink's default without state.checkpoints.dir), which takes at most "
        + CheckpointStorage.JOB_MANAGER_MAX_STATE_BYTES / (1024 * 1024) + " MB of a task's "
        + "state: past that (about 10,000 users' partial matches) every checkpoint fails and "
        + "Flink restarts the job from its last one, over and over; set state.checkpoints.dir "
        + "in Flink's configuration, or --stateBackend=filesystem "
        + "--stateBackendStoragePath=file:///... (or rocksdb, with state on disk)");
  }

  /**
   * Warns of {@code --partitionDiscoveryMs} with {@code --startOffset=latest} where the job cannot
   * read a partition it finds from its start ({@link CepPipeline#readsFoundPartitionsWhole}: no
   * consumer group, or a launch that may not reach the brokers): such a partition has no committed
   * offset, so Beam's reader starts it at its end, and what was written to it before it was found
   * (up to an interval's worth) is never read, where Flink's KafkaSource reads a partition it
   * finds from its earliest offset. Not refused: a job that wants only new records from now on
   * may accept that.
   */
  private static void warnOfFoundPartitionsReadFromTheirEnd(CommandLine cli,
      CepPipelineOptions options) {
    if (options.getSource() != SourceKind.kafka || options.getPartitionDiscoveryMs() <= 0
        || options.getStartOffset() != CepPipelineOptions.StartOffset.latest
        || CepPipeline.readsFoundPartitionsWhole(options)) {
      return;
    }
    warn(cli, "with --startOffset=latest a partition found while the "
        + "job runs (--partitionDiscoveryMs) is read from its end when it is found, unless the "
        + "job has --inputTopicGroup and --checkServicesAtLaunch (its launch then sets where the "
        + "group starts): what was written to it before is not read (Flink's KafkaSource reads "
        + "it from the earliest); --startOffset=earliest reads every partition whole");
  }

  /** Prints {@code message} as a warning of the command, before the job starts. */
  private static void warn(CommandLine cli, String message) {
    cli.getErr().println("cep: warning: " + message);
    cli.getErr().flush();
  }

  private static boolean streamingOnFlink(CepPipelineOptions options) {
    return FlinkRunner.class.equals(options.getRunner())
        && (options.isStreaming() || options.getSource() == SourceKind.kafka);
  }

  /**
   * Runs to the end (bounded input) or until the job is cancelled (streaming). The pipeline checks
   * option values while it is built (sinks, time format, ...): those are usage errors too. A job
   * that fails while running surfaces as Beam's PipelineExecutionException instead. A job
   * submitted detached ({@code flink run -d}) is left running: its state is returned at once. On
   * the embedded Flink, the cluster's files go below a directory of the run's own, removed when
   * the job ends ({@link EmbeddedFlinkFiles}).
   */
  static PipelineResult.State runToEnd(CommandLine cli, CepPipelineOptions options)
      throws IOException {
    return runToEndWithResult(cli, options).getState();
  }

  /**
   * Everything a launch checks, without starting the job: {@link CepPipeline#prepare}, with its
   * usage errors as {@link #runToEnd}'s.
   */
  static void check(CommandLine cli, CepPipelineOptions options) {
    try {
      CepPipeline.prepare(options);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, String.valueOf(e.getMessage()));
    }
  }

  /** {@link #runToEnd}, returning the job's result, whose metrics the caller may read. */
  static PipelineResult runToEndWithResult(CommandLine cli, CepPipelineOptions options)
      throws IOException {
    EmbeddedFlinkFiles flinkFiles = EmbeddedFlinkFiles.forEmbeddedRun(options);
    PipelineResult result;
    try {
      result = CepPipeline.run(options, restoresASavepoint(options));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, String.valueOf(e.getMessage()));
    }
    if (isDetached(options)) {
      return result;
    }
    try (flinkFiles) {
      result.waitUntilFinish();
      return result;
    }
  }

  /**
   * True when the FlinkRunner restores the job from a savepoint: {@code --savepointPath}, or
   * {@code flink run -s}, whose path reaches the runner through Flink's context environment.
   */
  static boolean restoresASavepoint(CepPipelineOptions options) {
    return restoredSavepoint(options).isPresent();
  }

  /** The savepoint {@link #restoresASavepoint} restores, --savepointPath first. */
  static Optional<String> restoredSavepoint(CepPipelineOptions options) {
    if (!FlinkRunner.class.equals(options.getRunner())) {
      return Optional.empty();
    }
    String path = options.as(FlinkPipelineOptions.class).getSavepointPath();
    return path != null ? Optional.of(path) : FlinkClient.restoredSavepoint();
  }

  /** True when the FlinkRunner only submits the job (see {@link #options}). */
  static boolean isDetached(CepPipelineOptions options) {
    return FlinkRunner.class.equals(options.getRunner())
        && !options.as(FlinkPipelineOptions.class).getAttachedMode();
  }
}
