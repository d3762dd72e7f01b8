package io.beamcep.runners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * A directory a run of an embedded Flink cluster owns: a Flink configuration that puts the
 * cluster's temporary files below it, removed with them when the run ends.
 *
 * <p>Why: an embedded cluster writes to the JVM's temporary directory, and on this Flink and Beam
 * not all of it is removed when the job ends: every {@code cep run} of the README's first command
 * left a {@code minicluster_*} working directory and a 22 MB copy of Flink's RPC jar
 * ({@code flink-rpc-akka*.jar}) in /tmp, which piled up run after run.
 */
public final class EmbeddedFlinkFiles implements AutoCloseable {
  /** Flink's masters that start a cluster inside this JVM (outside of Flink's own client). */
  private static final Set<String> EMBEDDED_MASTERS = Set.of("[auto]", "[local]");

  private final Path root;
  private final Thread removeAtExit;

  private EmbeddedFlinkFiles(Path root) {
    this.root = root;
    // a streaming job runs until the JVM is stopped (Ctrl-C): remove the files then
    this.removeAtExit = new Thread(this::removeQuietly, "cep-remove-" + root.getFileName());
    Runtime.getRuntime().addShutdownHook(removeAtExit);
  }

  /**
   * A new directory with a Flink configuration ({@code config.yaml}) whose temporary directories
   * ({@code io.tmp.dirs}, {@code web.tmpdir}) and checkpoints ({@code state.checkpoints.dir}) are
   * below it, followed by {@code moreConfig} (Flink YAML, or empty). The checkpoints, for a job
   * with {@code --checkpointingInterval}: Flink's default keeps them in the JobManager's memory,
   * which refuses a task's state above 5 MB, so a job past it would fail every checkpoint and
   * restart from the last one, over and over; the embedded cluster's restarts read them here.
   */
  public static EmbeddedFlinkFiles create(String moreConfig) throws IOException {
    Path root = Files.createTempDirectory("cep-flink-");
    Path work = Files.createDirectory(root.resolve("work"));
    Path checkpoints = Files.createDirectory(root.resolve("checkpoints"));
    String quoted = "'" + work.toString().replace("'", "''") + "'";
    String config = "io:\n  tmp:\n    dirs: " + quoted + "\n"
        + "web:\n  tmpdir: " + quoted + "\n"
        + "state:\n  checkpoints:\n    dir: '"
        + checkpoints.toUri().toString().replace("'", "''") + "'\n"
        + moreConfig;
    Files.writeString(root.resolve("config.yaml"), config, StandardCharsets.UTF_8);
    return new EmbeddedFlinkFiles(root);
  }

  /**
   * For a job about to run on the FlinkRunner's embedded cluster with Flink's configuration left
   * to its defaults: a directory for the cluster's files, set as the job's {@code flinkConfDir};
   * otherwise null, and {@code options} are unchanged. A Flink configuration the user chose
   * ({@code --flinkConfDir} or {@code FLINK_CONF_DIR}) says itself where Flink's files go, and a
   * job run by Flink's client ({@code flink run}) or sent to a remote cluster has the cluster's.
   */
  public static EmbeddedFlinkFiles forEmbeddedRun(PipelineOptions options) {
    if (!isEmbeddedRun(options)) {
      return null;
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    try {
      EmbeddedFlinkFiles files = create("");
      flink.setFlinkConfDir(files.configDirectory().toString());
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a directory for the embedded Flink's files", e);
    }
  }

  /** Whether {@link #forEmbeddedRun} gives a job with these options a directory of its own. */
  public static boolean isEmbeddedRun(PipelineOptions options) {
    if (!FlinkRunner.class.equals(options.getRunner())) {
      return false;
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    return flink.getFlinkConfDir() == null
        && System.getenv(ConfigConstants.ENV_FLINK_CONF_DIR) == null
        && EMBEDDED_MASTERS.contains(flink.getFlinkMaster()) && !FlinkClient.isRunning();
  }

  /** The directory to give the FlinkRunner as {@code --flinkConfDir}. */
  public Path configDirectory() {
    return root;
  }

  /** Its Flink configuration, for a Flink environment made here rather than by the FlinkRunner. */
  public Configuration configuration() {
    return GlobalConfiguration.loadConfiguration(root.toString());
  }

  /** Removes the directory with everything below it; once the cluster is done with it. */
  @Override
  public void close() throws IOException {
    try {
      Runtime.getRuntime().removeShutdownHook(removeAtExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: removing twice is harmless
    }
    FileTrees.delete(root);
  }

  private void removeQuietly() {
    try {
      FileTrees.delete(root);
    } catch (IOException | RuntimeException e) {
      // the JVM is stopping; the cluster may still be writing: what is left stays in /tmp
    }
  }
}
