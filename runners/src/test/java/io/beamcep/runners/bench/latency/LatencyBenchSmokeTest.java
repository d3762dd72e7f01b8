package io.beamcep.runners.bench.latency;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.runners.FlinkLeftovers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency bench end to end, small: a real KRaft broker, the cep run job on an embedded Flink,
 * 4 s at 200 events/s, then 20 s for their alerts. Checks that it measures something sane, never
 * how fast it is (CI machines differ; the figures are in BENCHMARKS.md).
 */
class LatencyBenchSmokeTest {

  @Test
  void measuresMatchAlertsProducedThroughKafka(@TempDir Path dir) throws Exception {
    try (KafkaBroker kafka = KafkaBroker.start()) {
      // 50 users: each sends several events per second, so the seed rules match within seconds.
      // A long drain: on a busy machine the job runs behind, and the measured alerts only come
      // once it has caught up (seen: none within 2 s at load 30).
      LatencySettings settings = new LatencySettings(kafka.bootstrapServers(), 200, 1, 4, 20, 50,
          42, 5, 1, 2, 0, 1000, 10, false, true, 5, List.of());
      StringWriter progress = new StringWriter();
      Set<Path> leftBefore = FlinkLeftovers.inTempDirectory();

      Path timeline = dir.resolve("timeline.csv");
      LatencyReport report = LatencyBench.run(settings, new PrintWriter(progress, true), timeline);
      assertThat("the embedded cluster's files are removed with the run",
          FlinkLeftovers.addedSince(leftBefore), empty());

      LatencyStats latency = report.latency();
      assertThat(progress.toString(), latency.count(), greaterThan(0L));
      assertThat(report.matchAlerts(), greaterThanOrEqualTo(latency.count()));
      assertThat("alerts naming events this run did not send", report.unknownAlerts(), equalTo(0L));
      assertThat(report.sentMeasured(), greaterThan(0L));
      assertThat(latency.min(), greaterThanOrEqualTo(0L));
      assertThat(latency.p50(), lessThanOrEqualTo(latency.p90()));
      assertThat(latency.p90(), lessThanOrEqualTo(latency.p99()));
      assertThat(latency.p99(), lessThanOrEqualTo(latency.p999()));
      assertThat(latency.p999(), lessThanOrEqualTo(latency.max()));
      // Every match alert is in the timeline; rule 5's latency runs from the user's next event.
      List<String> lines = Files.readAllLines(timeline);
      assertThat(lines.get(0), equalTo("rule,sent_ms,consumed_ms,latency_ms"));
      assertThat((long) lines.size() - 1, equalTo(report.matchAlerts()));
      assertThat(progress.toString(), containsString("rules [5] end with NOT_NEXT"));
    }
  }
}
