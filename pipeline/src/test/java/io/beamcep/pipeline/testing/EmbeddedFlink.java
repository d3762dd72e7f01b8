package io.beamcep.pipeline.testing;

import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;

/** Options for a job on an embedded Flink, as a production job runs there. */
public final class EmbeddedFlink {
  private EmbeddedFlink() {}

  /**
   * {@code options} made a never-ending job's on an embedded Flink of one slot: {@code run()}
   * returns a handle to cancel it instead of waiting for its end.
   */
  public static FlinkPipelineOptions unboundedJob(PipelineOptions options) {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    flink.setRunner(FlinkRunner.class);
    flink.setFlinkMaster("[local]");
    flink.setParallelism(1);
    flink.setAttachedMode(false);
    return flink;
  }
}
