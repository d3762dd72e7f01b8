package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.beamcep.runners.CepRunner;
import io.beamcep.runners.EmbeddedFlinkFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a job's checkpoints go, and {@code cep run}'s warning when that is the JobManager's memory:
 * at 10,000 users of the latency bench the matcher's state passed its 5 MB within 30 s, every
 * checkpoint after failed, and the restarted job fell 100 s behind 5,000 events/s, where with
 * checkpoints in files it kept up (BENCHMARKS.md, "Session 43").
 */
class CheckpointStorageTest {
  @TempDir Path dir;

  @Test
  void flinkKeepsCheckpointsInMemoryUnlessItsConfigurationNamesFilesForThem() {
    assertThat(CheckpointStorage.inJobManagerMemory(new Configuration()), is(true));
    assertThat(CheckpointStorage.inJobManagerMemory(Configuration.fromMap(
        Map.of("state.checkpoints.dir", "file:///checkpoints"))), is(false));
    assertThat(CheckpointStorage.inJobManagerMemory(Configuration.fromMap(
        Map.of("state.checkpoint-storage", "filesystem",
            "state.checkpoints.dir", "s3://bucket/checkpoints"))), is(false));
    assertThat(CheckpointStorage.inJobManagerMemory(Configuration.fromMap(
        Map.of("state.checkpoint-storage", "jobmanager",
            "state.checkpoints.dir", "file:///checkpoints"))), is(true));
  }

  @Test
  void theJobsOptionsOrTheFlinkConfigurationTheyNameDecide() throws IOException {
    assertThat(CheckpointStorage.inJobManagerMemory(flink()), is(true));
    assertThat(CheckpointStorage.inJobManagerMemory(flink("--stateBackend=filesystem",
        "--stateBackendStoragePath=" + dir.toUri())), is(false));

    Path withDir = Files.createDirectories(dir.resolve("with-dir"));
    Files.writeString(withDir.resolve("config.yaml"),
        "state.checkpoints.dir: " + dir.resolve("checkpoints").toUri() + "\n");
    assertThat(CheckpointStorage.inJobManagerMemory(flink("--flinkConfDir=" + withDir)),
        is(false));
    Path without = Files.createDirectories(dir.resolve("without"));
    Files.writeString(without.resolve("config.yaml"), "parallelism.default: 2\n");
    assertThat(CheckpointStorage.inJobManagerMemory(flink("--flinkConfDir=" + without)),
        is(true));
  }

  /**
   * A run on the embedded cluster with Flink's configuration left alone gets a directory of its
   * own, whose configuration names its checkpoints' place below it.
   */
  @Test
  void anEmbeddedRunKeepsItsCheckpointsInItsOwnDirectory() throws IOException {
    assertThat(CheckpointStorage.inJobManagerMemory(flink("--runner=FlinkRunner")), is(false));
    try (EmbeddedFlinkFiles files = EmbeddedFlinkFiles.create("")) {
      assertThat(CheckpointStorage.inJobManagerMemory(
          flink("--flinkConfDir=" + files.configDirectory())), is(false));
      assertThat(Files.isDirectory(Path.of(URI.create(
          files.configuration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)))), is(true));
    }
    assertThat(CheckpointStorage.inJobManagerMemory(
        flink("--runner=FlinkRunner", "--flinkMaster=flink:8081")), is(true));
  }

  /**
   * A job for a cluster of Flink's default configuration: warned of with checkpoints in memory,
   * then the launch goes on; not with them in files, nor on the embedded cluster.
   */
  @Test
  void cepRunWarnsOfCheckpointsInTheJobManagersMemory() {
    String[] job = {"run", "--source=kafka", "--checkpointingInterval=10000",
        "--flinkMaster=localhost:1",
        "--jdbcUrl=jdbc:h2:file:" + dir.resolve("rules").toAbsolutePath(), "--jdbcUser=sa",
        "--tableName=none"};
    CepRunner inMemory = cep(job);
    assertThat(inMemory.err(), containsString("cep: warning: this job's checkpoints would go "
        + "to the JobManager's memory (Flink's default without state.checkpoints.dir), which "
        + "takes at most 5 MB of a task's state"));
    assertThat(inMemory.err(), containsString("cannot read rule table none"));

    List<String> inFiles = new ArrayList<>(List.of(job));
    inFiles.add("--stateBackend=filesystem");
    inFiles.add("--stateBackendStoragePath=" + dir.resolve("checkpoints").toUri());
    CepRunner toFiles = cep(inFiles.toArray(String[]::new));
    List<String> embedded = new ArrayList<>(List.of(job));
    embedded.remove("--flinkMaster=localhost:1");
    CepRunner onTheEmbeddedCluster = cep(embedded.toArray(String[]::new));
    for (CepRunner notWarned : List.of(toFiles, onTheEmbeddedCluster)) {
      assertThat(notWarned.err(), not(containsString("JobManager's memory")));
      assertThat(notWarned.err(), containsString("cannot read rule table none"));
    }
  }

  private static FlinkPipelineOptions flink(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(FlinkPipelineOptions.class);
  }
}
