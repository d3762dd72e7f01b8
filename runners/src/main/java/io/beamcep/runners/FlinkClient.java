package io.beamcep.runners;

import java.util.Optional;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Whether {@code cep} runs inside Flink's own client ({@code flink run -c io.beamcep.runners.Cep
 * cep.jar ...}) rather than as {@code java -jar cep.jar}. There Flink has installed a context
 * environment bound to its cluster, which the FlinkRunner picks up by itself (its default
 * {@code --flinkMaster=[auto]}), and the user's main shares the client's JVM.
 */
public final class FlinkClient {
  private FlinkClient() {}

  /** True when Flink's CLI invoked our main: exiting the JVM would also end the CLI. */
  public static boolean isRunning() {
    return isContext(environment());
  }

  /**
   * True under {@code flink run -d}: Flink's context environment then only submits, and answers
   * Beam's attached {@code execute} with a result that throws on the first question ("Job was
   * submitted in detached mode"), so the FlinkRunner must be told to submit detached as well.
   */
  public static boolean isDetached() {
    StreamExecutionEnvironment environment = environment();
    return isContext(environment)
        && !environment.getConfiguration().get(DeploymentOptions.ATTACHED);
  }

  /**
   * The savepoint {@code flink run -s PATH} restores the job from, when Flink's CLI invoked our
   * main with one; empty otherwise.
   */
  public static Optional<String> restoredSavepoint() {
    StreamExecutionEnvironment environment = environment();
    return isContext(environment)
        ? environment.getConfiguration().getOptional(SavepointConfigOptions.SAVEPOINT_PATH)
        : Optional.empty();
  }

  /**
   * Without a context environment Flink hands out a local one; Flink's CLI installs its
   * StreamContextEnvironment (from flink-clients, not a compile dependency here) instead.
   */
  private static boolean isContext(StreamExecutionEnvironment environment) {
    return !(environment instanceof LocalStreamEnvironment);
  }

  private static StreamExecutionEnvironment environment() {
    // Creating an environment is cheap (no cluster starts before execute) and is the only public
    // way to see whether a context environment factory is installed.
    return StreamExecutionEnvironment.getExecutionEnvironment();
  }
}
