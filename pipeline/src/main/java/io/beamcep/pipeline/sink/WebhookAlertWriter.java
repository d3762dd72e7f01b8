package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertFunction;
import io.beamcep.pipeline.alert.AlertFunctions;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook sink's writer. An alert is POSTed as it arrives, up to {@value #IN_FLIGHT} at a
 * time (so alerts may reach the endpoint out of their order), and the bundle ends when each was
 * answered with a 2xx. A POST that failed (no connection, no answer within the timeout, a 5xx,
 * 408 or 429) is sent again up to {@code maxRetries} times, after the first backoff, then twice
 * as long each time, or the endpoint's {@code Retry-After} (in seconds) when longer; then the
 * bundle fails, which the runner retries (on Flink: a restart from the last checkpoint). Any other
 * answer is a refusal: it fails the bundle at once, or drops the alert, logged and counted, as
 * {@link WebhookAlerts.OnRefusal} says.
 */
final class WebhookAlertWriter extends DoFn<Alert, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertWriter.class);
  static final int IN_FLIGHT = 8;
  /** The longest wait a Retry-After can ask for. */
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
  /** How much of an endpoint's answer an error quotes. */
  private static final int QUOTED_CHARS = 200;

  private final WebhookAlerts.Settings settings;
  private final Counter retries = Metrics.counter(SinkMetrics.NAMESPACE, "webhook_retries");
  private final Counter refused = Metrics.counter(SinkMetrics.NAMESPACE, "webhook_refused");
  private transient HttpClient client;
  private transient ArrayDeque<Delivery> inFlight;

  /** One alert's POST, and the answer it waits for. */
  private static final class Delivery {
    final Alert alert;
    final String alertId;
    final HttpRequest request;
    CompletableFuture<HttpResponse<String>> answer;
    int attempts;

    Delivery(Alert alert, String alertId, HttpRequest request) {
      this.alert = alert;
      this.alertId = alertId;
      this.request = request;
    }
  }

  WebhookAlertWriter(WebhookAlerts.Settings settings) {
    this.settings = settings;
  }

  @Setup
  public void setup() {
    client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    inFlight = new ArrayDeque<>();
  }

  @StartBundle
  public void startBundle() {
    abandonInFlight(); // what a failed bundle left: the runner sends its alerts again
  }

  @ProcessElement
  public void post(@Element Alert alert) throws IOException, InterruptedException {
    if (inFlight.size() >= IN_FLIGHT) {
      await(inFlight.removeFirst());
    }
    String alertId = JdbcAlerts.alertId(alert);
    AlertFunction function = AlertFunctions.require(alert.function());
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
        .timeout(settings.timeout())
        .header("Content-Type", function.contentType())
        .header("Idempotency-Key", alertId)
        .POST(HttpRequest.BodyPublishers.ofString(function.payload(alert)));
    settings.headers().forEach(request::header);
    Delivery delivery = new Delivery(alert, alertId, request.build());
    send(delivery);
    inFlight.addLast(delivery);
  }

  @FinishBundle
  public void finishBundle() throws IOException, InterruptedException {
    try {
      while (!inFlight.isEmpty()) {
        await(inFlight.peekFirst());
        inFlight.removeFirst();
      }
    } finally {
      abandonInFlight();
    }
  }

  private void abandonInFlight() {
    for (Delivery abandoned : inFlight) {
      abandoned.answer.cancel(true);
    }
    inFlight.clear();
  }

  private void send(Delivery delivery) {
    delivery.attempts++;
    delivery.answer = client.sendAsync(delivery.request, HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until {@code delivery} is answered with a 2xx, sending it again while that may help. */
  private void await(Delivery delivery) throws IOException, InterruptedException {
    while (true) {
      String failure;
      OptionalLong retryAfter = OptionalLong.empty();
      boolean retryable;
      try {
        HttpResponse<String> answer = delivery.answer.get();
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
          return;
        }
        failure = "HTTP " + status + ": " + quoted(answer.body());
        retryable = status >= 500 || status == 408 || status == 429;
        retryAfter = answer.headers().firstValueAsLong("Retry-After");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        failure = cause.toString();
        retryable = cause instanceof IOException;
      }
      int maxRetries = settings.maxRetries();
      if (!retryable && settings.onRefusal() == WebhookAlerts.OnRefusal.SKIP) {
        refused.inc();
        LOG.error("the webhook sink's endpoint {} refused alert {} of rule {} v{} for key {}, "
            + "which is dropped (--webhookOnRefusal=SKIP): {}", settings.shownAs(),
            delivery.alertId, delivery.alert.ruleId(), delivery.alert.ruleVersion(),
            delivery.alert.key(), failure);
        return;
      }
      if (!retryable || delivery.attempts > maxRetries) {
        throw new IOException("the webhook sink could not deliver alert " + delivery.alertId
            + " to " + settings.shownAs() + " in " + delivery.attempts + " attempt(s) "
            + "(--webhookMaxRetries=" + maxRetries
            + (retryable ? "" : "; an answer another attempt cannot change")
            + "): " + failure);
      }
      Duration wait =
          settings.firstBackoff().multipliedBy(1L << Math.min(20, delivery.attempts - 1));
      if (retryAfter.isPresent()) {
        Duration asked = Duration.ofSeconds(Math.max(0, retryAfter.getAsLong()));
        wait = asked.compareTo(wait) > 0 ? asked : wait;
      }
      wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
      retries.inc();
      LOG.warn("the webhook sink's POST of alert {} to {} failed (attempt {} of {}), trying "
          + "again in {} ms: {}", delivery.alertId, settings.shownAs(), delivery.attempts,
          maxRetries + 1, wait.toMillis(), failure);
      Thread.sleep(wait.toMillis());
      send(delivery);
    }
  }

  private static String quoted(String body) {
    String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return text.length() <= QUOTED_CHARS ? "'" + text + "'"
        : "'" + text.substring(0, QUOTED_CHARS) + "...'";
  }

  @Teardown
  public void teardown() {
    if (inFlight != null) {
      abandonInFlight();
    }
  }
}
