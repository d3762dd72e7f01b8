package io.beamcep.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** Which runs get a directory of their own for the embedded Flink's files, and what it holds. */
class EmbeddedFlinkFilesTest {

  @Test
  void anEmbeddedClusterWithFlinksDefaultsGetsItsFilesBelowADirectoryRemovedAfterTheRun()
      throws Exception {
    for (String master : new String[] {"[auto]", "[local]"}) {
      FlinkPipelineOptions options = flink("--flinkMaster=" + master);
      Path conf;
      try (EmbeddedFlinkFiles files = EmbeddedFlinkFiles.forEmbeddedRun(options)) {
        conf = files.configDirectory();
        assertThat(options.getFlinkConfDir(), equalTo(conf.toString()));
        Path work = conf.resolve("work");
        assertThat(Files.readString(conf.resolve("config.yaml")), equalTo(
            "io:\n  tmp:\n    dirs: '" + work + "'\n" + "web:\n  tmpdir: '" + work + "'\n"
                + "state:\n  checkpoints:\n    dir: '" + conf.resolve("checkpoints").toUri()
                + "'\n"));
        assertThat(Files.isDirectory(conf.resolve("checkpoints")), equalTo(true));
        Files.createDirectories(work.resolve("minicluster_1/tm_0"));
        Files.writeString(work.resolve("flink-rpc-akka1.jar"), "jar");
      }
      assertThat(master, Files.exists(conf), equalTo(false));
    }
  }

  @Test
  void aRunWithFlinksConfigurationElsewhereIsLeftAsItIs() {
    FlinkPipelineOptions own = flink("--flinkConfDir=/etc/flink");
    assertThat(EmbeddedFlinkFiles.forEmbeddedRun(own), nullValue());
    assertThat(own.getFlinkConfDir(), equalTo("/etc/flink"));

    FlinkPipelineOptions remote = flink("--flinkMaster=jobmanager:8081");
    assertThat(EmbeddedFlinkFiles.forEmbeddedRun(remote), nullValue());
    assertThat(remote.getFlinkConfDir(), nullValue());

    FlinkPipelineOptions direct = PipelineOptionsFactory.fromArgs("--runner=DirectRunner")
        .as(FlinkPipelineOptions.class);
    assertThat(EmbeddedFlinkFiles.forEmbeddedRun(direct), nullValue());
    assertThat(direct.getFlinkConfDir(), nullValue());
  }

  @Test
  void moreConfigurationFollowsTheTemporaryDirectoriesAndAMissingTreeIsNoError()
      throws Exception {
    EmbeddedFlinkFiles files = EmbeddedFlinkFiles.create("execution:\n  buffer-timeout: 5 ms\n");
    Path conf = files.configDirectory();
    assertThat(Files.readString(conf.resolve("config.yaml")).endsWith("dir: '"
        + conf.resolve("checkpoints").toUri() + "'\nexecution:\n  buffer-timeout: 5 ms\n"),
        equalTo(true));
    FileTrees.delete(conf);
    files.close();
    assertThat(Files.exists(conf), equalTo(false));
  }

  private static FlinkPipelineOptions flink(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--runner=FlinkRunner";
    System.arraycopy(args, 0, all, 1, args.length);
    return PipelineOptionsFactory.fromArgs(all).as(FlinkPipelineOptions.class);
  }
}
