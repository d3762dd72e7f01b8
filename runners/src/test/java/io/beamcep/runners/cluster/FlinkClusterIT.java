package io.beamcep.runners.cluster;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.runners.Expected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production shape end to end: the fat jar submits the streaming alert job to a real
 * standalone Flink 1.19 cluster (separate JobManager and TaskManager JVMs) with
 * {@code --flinkMaster}; click events go through a real Kafka broker; alerts come back on a Kafka
 * topic. Scenario 1 (a view strictly followed by a view) must give exactly its three matches.
 */
class FlinkClusterIT {
  private static final Path CEP_JAR = Path.of("target", "cep.jar").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void fatJarJobOnAStandaloneClusterAlertsOnKafkaEvents() throws Exception {
    assertThat("the fat jar is built before this test (mvn verify runs it after package)",
        Files.exists(CEP_JAR), equalTo(true));
    try (KafkaBroker kafka = KafkaBroker.start();
        FlinkCluster cluster = FlinkCluster.start(dir.resolve("flink"), 2)) {
      kafka.createTopic("clicks", 1);
      kafka.createTopic("alerts", 1);
      kafka.produce("clicks", Expected.lines(Expected.events(1)));

      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", CEP_JAR.toString(), "run",
          "--runner=FlinkRunner",
          "--flinkMaster=" + cluster.master(),
          "--filesToStage=" + CEP_JAR,
          "--parallelism=1",
          "--streaming=true",
          "--source=kafka",
          "--kafkaBrokers=" + kafka.bootstrapServers(),
          "--inputTopic=clicks",
          "--startOffset=earliest",
          // Processing time: the reference's mode; the testdata README notes it gives the same
          // matches, and no later event is needed to move a watermark past the last view.
          "--usingEventTime=false",
          "--rulesFile=" + Expected.rules(1),
          "--sinks=kafka",
          "--outputTopic=alerts"));
      Process submitter = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("submitter.log").toFile()).start();
      try {
        await("three alerts on the 'alerts' topic (submitter log: " + dir.resolve("submitter.log") + ")")
            .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
            .until(() -> kafka.consumeAll("alerts").size() >= 3 || !submitter.isAlive());
        List<String> alerts = kafka.consumeAll("alerts");
        assertThat(Files.readString(dir.resolve("submitter.log")),
            Expected.normalized(alerts), equalTo(Expected.matches(1)));
        assertThat("the job ran on the standalone cluster", cluster.rest("/jobs/overview").contains("\"state\":\"RUNNING\""),
            equalTo(true));
      } finally {
        cluster.cancelAllJobs();
        submitter.destroy();
        if (!submitter.waitFor(20, TimeUnit.SECONDS)) {
          submitter.destroyForcibly();
        }
      }
    }
  }
}
