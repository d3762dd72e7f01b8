package io.beamcep.runners.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.beamcep.pipeline.CepPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * Which launches restore a savepoint, and so leave the consumer group's committed offsets as they
 * are (a first launch may set them: --startReadTime, or --startOffset=latest with partition
 * discovery). {@code flink run -s} is told by Flink's client, which only a cluster has:
 * FlinkClusterIT's case of a partition added while the job was stopped, with latest.
 */
class RestoresASavepointTest {
  private static CepPipelineOptions options(String... args) {
    PipelineOptionsFactory.register(CepPipelineOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(CepPipelineOptions.class);
  }

  @Test
  void aFlinkJobWithASavepointPathRestoresIt() {
    assertThat(PipelineLauncher.restoresASavepoint(
        options("--runner=FlinkRunner", "--savepointPath=file:///tmp/savepoint-1")), is(true));
  }

  @Test
  void aFlinkJobWithoutOneStartsAfresh() {
    assertThat(PipelineLauncher.restoresASavepoint(options("--runner=FlinkRunner")), is(false));
  }

  @Test
  void aDirectRunnerJobStartsAfreshWhateverItIsGiven() {
    assertThat(PipelineLauncher.restoresASavepoint(
        options("--runner=DirectRunner", "--savepointPath=file:///tmp/savepoint-1")), is(false));
  }
}
