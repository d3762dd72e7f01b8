package io.beamcep.pipeline.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertCoder;
import io.beamcep.pipeline.e2e.MatchSummary;
import io.beamcep.pipeline.testing.AlertEndpoint;
import io.beamcep.pipeline.testing.AlertEndpoint.Received;
import io.beamcep.pipeline.testing.Scenarios;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook sink: alerts / what a real HTTP endpoint answers / what it received, and how often.
 */
class WebhookAlertsTest {
  private static final List<Alert> ALERTS = List.of(TestAlerts.viewPair("u1", 1, 1577836860000L),
      TestAlerts.viewPair("u2", 5, 1577836900000L), TestAlerts.viewPair("u3", 9, 1577836990000L));

  @TempDir Path dir;

  private static void post(List<Alert> alerts, WebhookAlerts sink) {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline.apply(Create.of(alerts).withCoder(AlertCoder.of())).apply(sink);
    pipeline.run().waitUntilFinish();
  }

  private static List<String> expectedSummaries(int scenario) {
    return MatchSummary.sorted(Scenarios.lines(Scenarios.expectedFile(scenario)).stream()
        .map(MatchSummary::ofExpected).toList());
  }

  private static List<String> summaries(List<String> alertJsons) {
    return MatchSummary.sorted(alertJsons.stream().map(MatchSummary::ofAlertJson).toList());
  }

  private CepPipelineOptions scenarioOneToWebhook(AlertEndpoint endpoint) throws Exception {
    Path headers = Files.writeString(dir.resolve("webhook.headers"),
        "# the endpoint's token\nAuthorization: Bearer s3cret\n\nX-Team: fraud\n");
    CepPipelineOptions options = Scenarios.replayWithItsRules(1);
    options.setSinks("webhook");
    options.setWebhookUrl(endpoint.url());
    options.setWebhookHeadersFile(headers.toString());
    return options;
  }

  /**
   * Scenario 1 replayed with the webhook sink and a headers file. Expected: the endpoint received
   * the scenario's expected matches, each once, as JSON with the file's headers and an
   * Idempotency-Key of its own.
   */
  @Test
  void scenarioOnesAlertsArePostedOnceEachWithTheirKeyAndTheFilesHeaders() throws Exception {
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      CepPipelineOptions options = scenarioOneToWebhook(endpoint);
      Pipeline pipeline = Pipeline.create(options);
      CepPipeline.build(pipeline, options);
      pipeline.run().waitUntilFinish();

      List<Received> received = endpoint.received();
      assertThat(summaries(endpoint.accepted()), equalTo(expectedSummaries(1)));
      assertThat(AlertEndpoint.headerValues(received, "Content-Type"),
          everyItem(is("application/json")));
      assertThat(AlertEndpoint.headerValues(received, "Authorization"),
          everyItem(is("Bearer s3cret")));
      assertThat(AlertEndpoint.headerValues(received, "X-Team"), everyItem(is("fraud")));
      List<String> keys = AlertEndpoint.headerValues(received, "Idempotency-Key");
      assertThat(keys, everyItem(matchesPattern("[0-9a-f]{64}")));
      assertThat(new HashSet<>(keys), hasSize(received.size()));
    }
  }

  /** The same on the FlinkRunner (embedded): the sink and its client travel in a Flink job. */
  @Test
  void scenarioOnesAlertsArePostedFromAFlinkJob() throws Exception {
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      FlinkPipelineOptions flink = scenarioOneToWebhook(endpoint).as(FlinkPipelineOptions.class);
      flink.setRunner(FlinkRunner.class);
      flink.setFlinkMaster("[local]");
      flink.setParallelism(1);
      CepPipelineOptions options = flink.as(CepPipelineOptions.class);
      Pipeline pipeline = Pipeline.create(options);
      CepPipeline.build(pipeline, options);
      pipeline.run().waitUntilFinish();

      assertThat(summaries(endpoint.accepted()), equalTo(expectedSummaries(1)));
    }
  }

  /**
   * The endpoint answers the first two POSTs 503, as one that is restarting. Expected: those
   * alerts are sent again, with the same Idempotency-Key, and every alert is taken once.
   */
  @Test
  void postsAnswered503AreSentAgainWithTheSameKey() throws Exception {
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      endpoint.answerNext(2, 503, "restarting");

      post(ALERTS, WebhookAlerts.to(endpoint.url()).withFirstBackoff(Duration.ofMillis(50)));

      List<Received> received = endpoint.received();
      assertThat(received, hasSize(ALERTS.size() + 2));
      List<String> takenKeys = AlertEndpoint.headerValues(
          received.stream().filter(r -> r.answeredWith() == 200).toList(), "Idempotency-Key");
      assertThat(takenKeys, containsInAnyOrder(ALERTS.stream().map(JdbcAlerts::alertId)
          .toArray()));
      List<String> refusedKeys = AlertEndpoint.headerValues(
          received.stream().filter(r -> r.answeredWith() == 503).toList(), "Idempotency-Key");
      assertThat(takenKeys.containsAll(refusedKeys), is(true));
    }
  }

  /**
   * The endpoint answers 401 (a wrong token): no other attempt can change that. Expected: the job
   * fails at once, naming the URL, the status and what the endpoint said; no POST is repeated.
   */
  @Test
  void aRefusalAnotherAttemptCannotChangeFailsTheJobAtOnce() throws Exception {
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      endpoint.answerNext(ALERTS.size(), 401, "{\"error\": \"bad token\"}");

      Exception failed = assertThrows(Exception.class, () -> post(ALERTS,
          WebhookAlerts.to(endpoint.url()).withFirstBackoff(Duration.ofMillis(50))));

      assertThat(failed.getMessage(), containsString(" to " + endpoint.url() + " in 1 attempt(s) "
          + "(--webhookMaxRetries=3; an answer another attempt cannot change): HTTP 401: "
          + "'{\"error\": \"bad token\"}'"));
      List<String> keys = AlertEndpoint.headerValues(endpoint.received(), "Idempotency-Key");
      assertThat(new HashSet<>(keys), hasSize(keys.size()));
      assertThat(keys.size(), lessThanOrEqualTo(ALERTS.size()));
    }
  }

  /**
   * The endpoint refuses one alert for good (413, too large), with --webhookOnRefusal=SKIP.
   * Expected: that alert is dropped, logged and counted, the others are taken, the job ends well.
   */
  @Test
  void anAlertTheEndpointRefusesIsDroppedAndCountedWhenSoChosen() throws Exception {
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      endpoint.answerNext(1, 413, "too large");
      Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
      pipeline.apply(Create.of(ALERTS).withCoder(AlertCoder.of())).apply(
          WebhookAlerts.to(endpoint.url()).onRefusal(WebhookAlerts.OnRefusal.SKIP));
      PipelineResult run = pipeline.run();
      run.waitUntilFinish();

      assertThat(endpoint.accepted(), hasSize(ALERTS.size() - 1));
      assertThat(endpoint.received(), hasSize(ALERTS.size()));
      MetricQueryResults metrics = run.metrics().queryMetrics(MetricsFilter.builder()
          .addNameFilter(MetricNameFilter.named("beamcep.sink", "webhook_refused")).build());
      long refused = 0;
      for (MetricResult<Long> counter : metrics.getCounters()) {
        refused += counter.getAttempted();
      }
      assertThat(refused, is(1L));
    }
  }

  /**
   * An endpoint that takes the POSTs and never answers, a retry allowed. Expected: each POST
   * times out twice, then the job fails naming the attempts and the timeout.
   */
  @Test
  void anEndpointThatNeverAnswersFailsTheJobAfterItsRetries() throws Exception {
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      endpoint.answerNothing();

      Exception failed = assertThrows(Exception.class, () -> post(ALERTS.subList(0, 1),
          WebhookAlerts.to(endpoint.url()).withMaxRetries(1).withTimeout(Duration.ofMillis(300))
              .withFirstBackoff(Duration.ofMillis(10))));

      assertThat(failed.getMessage(), containsString("could not deliver alert "
          + JdbcAlerts.alertId(ALERTS.get(0)) + " to " + endpoint.url() + " in 2 attempt(s) "
          + "(--webhookMaxRetries=1): java.net.http.HttpTimeoutException"));
      assertThat(endpoint.received(), hasSize(2));
    }
  }

  /**
   * A headers file with a line without a colon, a name that is no HTTP token and a header the
   * sink sets itself. Expected: one refusal naming each line, and no value of the file.
   */
  @Test
  void aHeadersFilesBadLinesAreNamedWithoutTheirValues() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.headers"),
        "Authorization Bearer t0ken\nX Team: fraud\nX-Ok: fine\ncontent-type: text/plain\n");

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> WebhookAlerts.headersFromFile(file, "--webhookHeadersFile"));

    assertThat(refused.getMessage(), equalTo("--webhookHeadersFile " + file + ": line 1: not "
        + "'Name: value'; line 2: 'X Team' is not a header name; line 4: content-type is set by "
        + "the sink"));
    assertThat(refused.getMessage(), not(containsString("t0ken")));
  }

  /**
   * The webhook sink without its URL, a URL that is not http(s), and the URL without the sink.
   * Expected: each refused while the job is built, naming the option.
   */
  @Test
  void aWebhookSinkWithoutAUsableUrlAndAUrlWithoutTheSinkAreRefused() {
    CepPipelineOptions options = Scenarios.replayWithItsRules(1);
    options.setSinks("webhook");
    assertThat(buildRefused(options),
        equalTo("--webhookUrl or --webhookUrlFile (for the webhook sink) is required"));
    options.setWebhookUrl("ftp://alerts.example.com/in");
    assertThat(buildRefused(options), equalTo("--webhookUrl must be an http or https URL with a "
        + "host, got 'ftp://alerts.example.com/in'"));
    options.setSinks("stdout");
    assertThat(buildRefused(options), equalTo("--webhookUrl, --webhookUrlFile, "
        + "--webhookHeadersFile and --webhookDeadLetterTopic are for the webhook sink, which "
        + "--sinks=stdout does not name"));
  }

  /**
   * A launch asks the endpoint with an OPTIONS request, the file's headers with it. Expected: a
   * port nobody listens on refuses the launch, naming the endpoint and why, unless the check is
   * off; an endpoint that answers lets it through, having been sent no alert.
   */
  @Test
  void aLaunchIsRefusedWhenTheEndpointCannotBeReached() throws Exception {
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      CepPipelineOptions options = scenarioOneToWebhook(endpoint);
      CepPipeline.prepare(options);
      assertThat(endpoint.received(), hasSize(1));
      assertThat(endpoint.received().get(0).method(), is("OPTIONS"));
      assertThat(endpoint.received().get(0).header("Authorization"), is("Bearer s3cret"));

      int closedPort;
      try (ServerSocket nobody = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closedPort = nobody.getLocalPort();
      }
      options.setWebhookUrl("http://127.0.0.1:" + closedPort + "/alerts");
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> CepPipeline.prepare(options));
      assertThat(refused.getMessage(), containsString("cannot reach the webhook sink's endpoint "
          + "(POST to http://127.0.0.1:" + closedPort + "/alerts): java.net.ConnectException"));
      options.setCheckServicesAtLaunch(false);
      CepPipeline.prepare(options);
    }
  }

  /**
   * An endpoint whose URL is the secret, given in a file. Expected: the alerts reach it; a launch's
   * description and a failure name its host alone, never its path; the URL given twice, or a
   * file holding no URL, is refused without quoting the file.
   */
  @Test
  void anEndpointWhoseUrlIsTheSecretIsNamedByItsHostAlone() throws Exception {
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      Path urlFile = Files.writeString(dir.resolve("webhook.url"), endpoint.url() + "\n");
      String host = endpoint.url().substring(0, endpoint.url().indexOf("/alerts"));
      CepPipelineOptions options = Scenarios.replayWithItsRules(1);
      options.setSinks("webhook");
      options.setWebhookUrlFile(urlFile.toString());

      assertThat(CepPipeline.describe(options), hasItem("alerts: webhook (POST to " + host
          + "/... (the URL in --webhookUrlFile))"));
      Pipeline pipeline = Pipeline.create(options);
      CepPipeline.build(pipeline, options);
      pipeline.run().waitUntilFinish();
      assertThat(summaries(endpoint.accepted()), equalTo(expectedSummaries(1)));

      endpoint.answerNext(ALERTS.size(), 403, "no");
      Exception failed = assertThrows(Exception.class, () -> post(ALERTS,
          WebhookAlerts.toUrlIn(urlFile, "--webhookUrlFile")));
      assertThat(failed.getMessage(), containsString(" to " + host
          + "/... (the URL in --webhookUrlFile) in 1 attempt(s)"));
      assertThat(failed.getMessage(), not(containsString("/alerts")));

      options.setWebhookUrl(endpoint.url());
      assertThat(buildRefused(options), equalTo(
          "--webhookUrl and --webhookUrlFile both give the endpoint: leave one out"));
      Path noUrl = Files.writeString(dir.resolve("not.url"), "hooks.example.com/secret-path");
      assertThat(assertThrows(IllegalStateException.class,
          () -> WebhookAlerts.toUrlIn(noUrl, "--webhookUrlFile")).getMessage(),
          equalTo("--webhookUrlFile " + noUrl + " holds no http or https URL with a host"));
    }
  }

  /** A launch's description names where the alerts go, but not the URL's query (a token?). */
  @Test
  void aDryRunNamesTheEndpointWithoutItsQuery() {
    CepPipelineOptions options = Scenarios.replayWithItsRules(1);
    options.setSinks("stdout,webhook");
    options.setWebhookUrl("https://alerts.example.com:8443/hooks/cep?token=s3cret");

    assertThat(CepPipeline.describe(options), hasItem(
        "alerts: stdout, webhook (POST to https://alerts.example.com:8443/hooks/cep)"));
  }

  private static String buildRefused(CepPipelineOptions options) {
    return assertThrows(IllegalArgumentException.class,
        () -> CepPipeline.build(Pipeline.create(options), options)).getMessage();
  }
}
