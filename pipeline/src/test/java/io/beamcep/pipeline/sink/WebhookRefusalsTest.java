package io.beamcep.pipeline.sink;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertCoder;
import io.beamcep.pipeline.testing.AlertEndpoint;
import io.beamcep.pipeline.testing.AlertEndpoint.Received;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.MostlyWaits;
import io.beamcep.pipeline.testing.Scenarios;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The webhook sink's alerts that its endpoint refuses for good, with
 * --webhookOnRefusal=DEAD_LETTER: alerts / what a real HTTP endpoint answers / what it took and
 * what a real Kafka topic holds.
 */
class WebhookRefusalsTest {
  private static final List<Alert> ALERTS = List.of(TestAlerts.viewPair("u1", 1, 1577836860000L),
      TestAlerts.viewPair("u2", 5, 1577836900000L), TestAlerts.viewPair("u3", 9, 1577836990000L));

  private final KafkaBroker kafka = KafkaBroker.shared();

  /**
   * The endpoint refuses one of three alerts (413, too large). Expected: the other two are taken;
   * the refused one is on the dead-letter topic as it was POSTed, keyed and headed by its alert's
   * id, rule and key, with the endpoint's answer as the reason; it is counted; the job ends well.
   */
  @Test
  @MostlyWaits
  void anAlertTheEndpointRefusesIsWrittenToTheDeadLetterTopic() throws Exception {
    String topic = "refused-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      endpoint.answerNext(1, 413, "too large");
      Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
      pipeline.apply(Create.of(ALERTS).withCoder(AlertCoder.of())).apply(
          WebhookAlerts.to(endpoint.url())
              .refusalsTo(KafkaDeadLetters.to(kafka.bootstrapServers(), topic)));
      PipelineResult run = pipeline.run();
      run.waitUntilFinish();

      assertThat(endpoint.accepted(), hasSize(ALERTS.size() - 1));
      Received refusedPost = endpoint.received().stream()
          .filter(post -> post.answeredWith() == 413).findFirst().orElseThrow();
      Alert refused = ALERTS.stream()
          .filter(alert -> JdbcAlerts.alertId(alert).equals(refusedPost.header("Idempotency-Key")))
          .findFirst().orElseThrow();
      String source = "alert " + JdbcAlerts.alertId(refused) + " of rule 1 v1 for key "
          + refused.key();
      List<ConsumerRecord<String, String>> letters = kafka.consumeRecords(topic);
      assertThat(letters, hasSize(1));
      ConsumerRecord<String, String> letter = letters.get(0);
      assertThat(letter.value(), is(refusedPost.body()));
      assertThat(letter.key(), is(source));
      assertThat(header(letter, KafkaDeadLetters.SOURCE_HEADER), is(source));
      assertThat(header(letter, KafkaDeadLetters.REASON_HEADER), is("refused by the webhook "
          + "sink's endpoint " + endpoint.url() + ": HTTP 413: 'too large'"));
      assertThat(refusedCount(run), is(1L));
    }
  }

  /**
   * Scenario 1 as a job with --webhookOnRefusal=DEAD_LETTER and an endpoint refusing every alert
   * (401, a wrong token), on the DirectRunner and on the embedded FlinkRunner. Expected: the job
   * ends well, and the dead-letter topic holds each of the scenario's alerts once, as POSTed.
   */
  @Test
  @MostlyWaits
  void aJobWhoseEndpointRefusesEveryAlertKeepsThemAllOnTheTopic() throws Exception {
    for (boolean onFlink : new boolean[] {false, true}) {
      String topic = "refused-all-" + UUID.randomUUID();
      kafka.createTopic(topic, 1);
      try (AlertEndpoint endpoint = AlertEndpoint.start()) {
        int expected = Scenarios.lines(Scenarios.expectedFile(1)).size();
        endpoint.answerNext(expected, 401, "bad token");
        CepPipelineOptions options = refusingJob(endpoint, topic);
        if (onFlink) {
          FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
          flink.setRunner(FlinkRunner.class);
          flink.setFlinkMaster("[local]");
          flink.setParallelism(1);
        }
        Pipeline pipeline = Pipeline.create(options);
        CepPipeline.build(pipeline, options);
        pipeline.run().waitUntilFinish();

        List<String> posted = new ArrayList<>();
        for (Received post : endpoint.received()) {
          posted.add(post.body());
        }
        assertThat(endpoint.accepted(), hasSize(0));
        assertThat(posted, hasSize(expected));
        assertThat("on Flink: " + onFlink, kafka.consumeAll(topic),
            containsInAnyOrder(posted.toArray()));
      }
    }
  }

  /**
   * The production shape: scenario 1's events from Kafka in event time on the embedded Flink, a
   * streaming job with checkpoints; the endpoint refuses the first of its alerts (413). Expected:
   * the refused alert on the dead-letter topic as it was POSTed, the others taken, the job running.
   */
  @Test
  @MostlyWaits
  void aStreamingFlinkJobWritesTheAlertTheEndpointRefusesToTheTopic() throws Exception {
    String topic = "refused-streaming-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    int expected = Scenarios.lines(Scenarios.expectedFile(1)).size();
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      endpoint.answerNext(1, 413, "too large");
      CepPipelineOptions options = Scenarios.fromKafkaOnFlink(1, kafka);
      options.setSinks("webhook");
      options.setWebhookUrl(endpoint.url());
      options.setWebhookOnRefusal(WebhookAlerts.OnRefusal.DEAD_LETTER);
      options.setWebhookDeadLetterTopic(topic);
      PipelineResult job = CepPipeline.run(options);
      try {
        await().atMost(Duration.ofSeconds(120))
            .failFast("the job ended", () -> job.getState().isTerminal())
            .until(() -> endpoint.accepted().size() == expected - 1
                && kafka.consumeAll(topic).size() == 1);
        assertThat(job.getState(), is(PipelineResult.State.RUNNING));
      } finally {
        job.cancel();
      }
      Received refusedPost = endpoint.received().stream()
          .filter(post -> post.answeredWith() == 413).findFirst().orElseThrow();
      assertThat(kafka.consumeAll(topic), contains(refusedPost.body()));
    }
  }

  /**
   * DEAD_LETTER without its topic; the topic with another choice; the topic without the sink.
   * Expected: each refused when the job is built, naming the options.
   */
  @Test
  void theDeadLetterChoiceAndItsTopicGoTogether() {
    CepPipelineOptions noTopic = refusingJob(null, "");
    assertThat(buildRefused(noTopic), is("--webhookDeadLetterTopic (for "
        + "--webhookOnRefusal=DEAD_LETTER) is required"));

    CepPipelineOptions skipping = refusingJob(null, "refused");
    skipping.setWebhookOnRefusal(WebhookAlerts.OnRefusal.SKIP);
    assertThat(buildRefused(skipping), is("--webhookDeadLetterTopic takes the alerts the endpoint "
        + "refuses with --webhookOnRefusal=DEAD_LETTER, but --webhookOnRefusal is SKIP"));

    CepPipelineOptions noSink = refusingJob(null, "refused");
    noSink.setSinks("stdout");
    noSink.setWebhookUrl("");
    assertThat(buildRefused(noSink), is("--webhookUrl, --webhookUrlFile, --webhookHeadersFile and "
        + "--webhookDeadLetterTopic are for the webhook sink, which --sinks=stdout does not "
        + "name"));
  }

  /**
   * The topic missing on brokers that make no topic on a first write. Expected: the launch is
   * refused naming the option and the topic; a dry run names where refused alerts go.
   */
  @Test
  void aLaunchChecksTheTopicAndADryRunNamesIt() throws Exception {
    try (KafkaBroker strict = KafkaBroker.start(false); AlertEndpoint endpoint =
        AlertEndpoint.start()) {
      CepPipelineOptions options = refusingJob(endpoint, "refusedz");
      options.setKafkaBrokers(strict.bootstrapServers());

      assertThat(CepPipeline.describe(options), hasItem("alerts: webhook (POST to "
          + endpoint.url() + "; refused alerts to Kafka topic refusedz)"));
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> CepPipeline.prepare(options));
      assertThat(refused.getMessage(), startsWith("Kafka at " + strict.bootstrapServers()
          + ": --webhookDeadLetterTopic names 'refusedz', which does not exist, and the brokers "
          + "make no topic on a first write"));
    }
  }

  /** Scenario 1's job with the webhook sink, refusals to {@code topic} on the shared broker. */
  private CepPipelineOptions refusingJob(AlertEndpoint endpoint, String topic) {
    CepPipelineOptions options = Scenarios.replayWithItsRules(1);
    options.setSinks("webhook");
    options.setWebhookUrl(endpoint == null ? "http://localhost:9/" : endpoint.url());
    options.setWebhookOnRefusal(WebhookAlerts.OnRefusal.DEAD_LETTER);
    options.setWebhookDeadLetterTopic(topic);
    options.setKafkaBrokers(kafka.bootstrapServers());
    return options;
  }

  private static String buildRefused(CepPipelineOptions options) {
    return assertThrows(IllegalArgumentException.class,
        () -> CepPipeline.build(Pipeline.create(options), options)).getMessage();
  }

  private static long refusedCount(PipelineResult run) {
    long refused = 0;
    for (MetricResult<Long> counter : run.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(SinkMetrics.NAMESPACE, "webhook_refused")).build())
        .getCounters()) {
      refused += counter.getAttempted();
    }
    return refused;
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
