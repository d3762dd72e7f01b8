package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.runners.CepRunner;
import io.beamcep.runners.Expected;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Job: a Kafka job whose group starts at --startReadTime, launched afresh and from a savepoint,
   * checked by --dry-run (--checkServicesAtLaunch=false: no broker is asked). Expected: the first
   * says the launch sets the group's offsets, the second that it restores the savepoint, resumes
   * from its offsets and leaves the group's alone, as {@link PipelineLauncher#runToEnd} would.
   */
  @Test
  void aDryRunSaysALaunchFromASavepointLeavesTheGroupsOffsets() {
    List<String> job = List.of("run", "--dry-run", "--runner=FlinkRunner", "--source=kafka",
        "--kafkaBrokers=127.0.0.1:9", "--inputTopic=clicks", "--inputTopicGroup=fraud",
        "--checkpointingInterval=10000", "--startReadTime=2026-12-07T08:00:00Z",
        "--checkServicesAtLaunch=false", "--rulesFile=" + Expected.rules(1));
    assertDryRunSays(job, "start on the FlinkRunner", "from 2026-12-07T08:00:00Z (consumer group "
        + "fraud's offsets set so when the job is launched)");

    List<String> restoring = new ArrayList<>(job);
    restoring.add("--savepointPath=file:///tmp/savepoint-1");
    assertDryRunSays(restoring, "restore savepoint file:///tmp/savepoint-1 on the FlinkRunner",
        "from the offsets the savepoint holds (consumer group fraud's committed offsets left as "
            + "they are)");
  }

  /** The dry run of {@code args} passes, saying the job would {@code launch} and read clicks so. */
  private static void assertDryRunSays(List<String> args, String launch, String offsets) {
    CepRunner dryRun = cep(args.toArray(String[]::new));
    assertThat(dryRun.err(), dryRun.exitCode(), equalTo(0));
    assertThat(dryRun.err(), containsString("cep: the job would " + launch
        + "; --dry-run started nothing\n"));
    assertThat(dryRun.err(), containsString("\n  events: Kafka topic(s) clicks on 127.0.0.1:9, "
        + offsets + "\n"));
  }
}
