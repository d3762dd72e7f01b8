package io.beamcep.runners.cli;

import io.beamcep.runners.EmbeddedFlinkFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Where a FlinkRunner job's checkpoints go, as Flink decides it: Beam's {@code
 * --stateBackendStoragePath} (or a state backend factory of the user's), else the Flink
 * configuration the job is submitted with ({@code --flinkConfDir}, else {@code FLINK_CONF_DIR},
 * as Beam reads it): {@code state.checkpoint-storage}, and without it files when {@code
 * state.checkpoints.dir} is set, else the JobManager's memory.
 *
 * <p>The JobManager's memory takes at most 5 MB of one task's state per checkpoint; a matcher's
 * key states pass that within seconds at some thousands of users (6.0-8.7 MB at 10,000 users
 * after 30 s of the latency bench). Each checkpoint then fails, and Flink, tolerating no failed
 * checkpoint by default, restarts the job from the last one it took, again and again: it falls
 * further behind and writes again the alerts after that checkpoint.
 */
final class CheckpointStorage {
  /** The most a task's state may be in the JobManager's memory, Flink's default. */
  static final long JOB_MANAGER_MAX_STATE_BYTES = 5L * 1024 * 1024;

  private CheckpointStorage() {}

  /**
   * Whether the checkpoints of a job with these options go to the JobManager's memory. Not those
   * of a run on the embedded cluster with Flink's configuration left to its defaults: its own
   * directory holds them ({@link EmbeddedFlinkFiles}).
   */
  static boolean inJobManagerMemory(FlinkPipelineOptions options) {
    if (options.getStateBackendStoragePath() != null
        || options.getStateBackendFactory() != null
        || EmbeddedFlinkFiles.isEmbeddedRun(options)) {
      return false;
    }
    return inJobManagerMemory(flinkConfiguration(options));
  }

  /** Whether Flink keeps checkpoints in the JobManager's memory under {@code configuration}. */
  static boolean inJobManagerMemory(Configuration configuration) {
    Optional<String> storage = configuration.getOptional(CheckpointingOptions.CHECKPOINT_STORAGE);
    if (storage.isPresent()) {
      return storage.get().strip().equalsIgnoreCase("jobmanager");
    }
    return configuration.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty();
  }

  /** The Flink configuration Beam submits the job with; empty where there is none. */
  private static Configuration flinkConfiguration(FlinkPipelineOptions options) {
    String dir = options.getFlinkConfDir();
    if (dir == null || dir.isBlank()) {
      dir = System.getenv(ConfigConstants.ENV_FLINK_CONF_DIR);
    }
    if (dir == null || dir.isBlank() || !holdsConfiguration(Path.of(dir))) {
      return new Configuration();
    }
    return GlobalConfiguration.loadConfiguration(dir);
  }

  private static boolean holdsConfiguration(Path dir) {
    return Files.isRegularFile(dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME))
        || Files.isRegularFile(dir.resolve(GlobalConfiguration.LEGACY_FLINK_CONF_FILENAME));
  }
}
