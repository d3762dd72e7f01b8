package io.beamcep.pipeline.sink;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.e2e.MatchSummary;
import io.beamcep.pipeline.testing.AlertEndpoint;
import io.beamcep.pipeline.testing.AlertEndpoint.Received;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.Scenarios;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;

/**
 * What the README promises for the webhook sink on Flink: an answer that fails a bundle makes
 * Flink restart the job from its last checkpoint, which makes the alerts since then again and
 * sends them again, each with the Idempotency-Key it had.
 */
class WebhookAfterRestartTest {

  /**
   * Job: scenario 1's events from Kafka in event time on the embedded Flink with checkpoints, the
   * webhook sink without retries; the endpoint answers its first two POSTs 401. Expected: the job
   * fails, Flink restarts it, and the endpoint ends up with each of the scenario's matches, told
   * apart by their Idempotency-Keys, which name exactly the expected matches.
   */
  @Test
  void alertsAFailedBundleLostAreSentAgainAfterFlinkRestartsTheJob() throws Exception {
    List<String> expected = MatchSummary.sorted(Scenarios.lines(Scenarios.expectedFile(1))
        .stream().map(MatchSummary::ofExpected).toList());
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      endpoint.answerNext(2, 401, "not yet");
      CepPipelineOptions options = Scenarios.fromKafkaOnFlink(1, KafkaBroker.shared());
      options.setSinks("webhook");
      options.setWebhookUrl(endpoint.url());
      options.setWebhookMaxRetries(0);
      PipelineResult job = CepPipeline.run(options);
      try {
        await().atMost(Duration.ofSeconds(120))
            .failFast("the job ended", () -> job.getState().isTerminal())
            .until(() -> byKey(endpoint.received()).size() == expected.size());
      } finally {
        job.cancel();
      }

      Map<String, String> taken = byKey(endpoint.received());
      assertThat(MatchSummary.sorted(taken.values().stream().map(MatchSummary::ofAlertJson)
          .toList()), equalTo(expected));
      long refused = endpoint.received().stream()
          .filter(r -> r.method().equals("POST") && r.answeredWith() == 401).count();
      assertThat(refused, equalTo(2L));
      assertThat(endpoint.accepted().size(), greaterThanOrEqualTo(expected.size()));
    }
  }

  /** The bodies the endpoint took, by Idempotency-Key: one per alert however often sent. */
  private static Map<String, String> byKey(List<Received> received) {
    Map<String, String> taken = new LinkedHashMap<>();
    for (Received request : received) {
      if (request.method().equals("POST") && request.answeredWith() == 200) {
        taken.putIfAbsent(request.header("Idempotency-Key"), request.body());
      }
    }
    return taken;
  }
}
