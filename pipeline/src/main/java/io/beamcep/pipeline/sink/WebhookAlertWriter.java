package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertFunction;
import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.event.DeadLetter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook sink's writer. An alert is POSTed as it arrives, up to {@value #IN_FLIGHT} at a
 * time (so alerts may reach the endpoint out of their order), and the bundle ends when each was
 * answered with a 2xx. A POST that failed (no connection, no answer within the timeout, a 5xx,
 * 408 or 429) is sent again up to {@code maxRetries} times, after the first backoff, then twice
 * as long each time, or the endpoint's {@code Retry-After} (in seconds) when longer; then the
 * bundle fails, which the runner retries (on Flink: a restart from the last checkpoint). Any other
 * answer is a refusal: it fails the bundle at once, or drops the alert, logged and counted, or
 * outputs it as a dead letter at the bundle's end, as {@link WebhookAlerts.OnRefusal} says.
 */
final class WebhookAlertWriter extends DoFn<Alert, DeadLetter> {
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
  /** This bundle's refused alerts, output as dead letters at its end (OnRefusal.DEAD_LETTER). */
  private transient List<Delivery> refusals;

  /** One alert's POST, and the answer it waits for. */
  private static final class Delivery {
    final Alert alert;
    final String alertId;
    final HttpRequest request;
    final String payload;
    final Instant timestamp;
    final BoundedWindow window;
    CompletableFuture<HttpResponse<String>> answer;
    int attempts;
    /** Why the endpoint refused it for good; null until then. */
    String refusal;

    Delivery(Alert alert, String alertId, HttpRequest request, String payload, Instant timestamp,
        BoundedWindow window) {
      this.alert = alert;
      this.alertId = alertId;
      this.request = request;
      this.payload = payload;
      this.timestamp = timestamp;
      this.window = window;
    }
  }

  WebhookAlertWriter(WebhookAlerts.Settings settings) {
    this.settings = settings;
  }

  @Setup
  public void setup() {
    client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    inFlight = new ArrayDeque<>();
    refusals = new ArrayList<>();
  }

  @StartBundle
  public void startBundle() {
    abandonInFlight(); // what a failed bundle left: the runner sends its alerts again
  }

  @ProcessElement
  public void post(@Element Alert alert, @Timestamp Instant timestamp, BoundedWindow window)
      throws IOException, InterruptedException {
    if (inFlight.size() >= IN_FLIGHT) {
      await(inFlight.removeFirst());
    }
    String alertId = JdbcAlerts.alertId(alert);
    AlertFunction function = AlertFunctions.require(alert.function());
    String payload = function.payload(alert);
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
        .timeout(settings.timeout())
        .header("Content-Type", function.contentType())
        .header("Idempotency-Key", alertId)
        .POST(HttpRequest.BodyPublishers.ofString(payload));
    settings.headers().forEach(request::header);
    Delivery delivery =
        new Delivery(alert, alertId, request.build(), payload, timestamp, window);
    send(delivery);
    inFlight.addLast(delivery);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context)
      throws IOException, InterruptedException {
    try {
      while (!inFlight.isEmpty()) {
        await(inFlight.peekFirst());
        inFlight.removeFirst();
      }
      // each in the window and at the time of its alert, which a bundle's end has to be told
      for (Delivery refused : refusals) {
        context.output(deadLetter(refused), refused.timestamp, refused.window);
      }
    } finally {
      abandonInFlight();
    }
  }

  /** The refused alert as sent, why the endpoint refused it, and which alert it is. */
  private DeadLetter deadLetter(Delivery refused) {
    return new DeadLetter(refused.payload.getBytes(StandardCharsets.UTF_8),
        "refused by the webhook sink's endpoint " + settings.shownAs() + ": " + refused.refusal,
        "alert " + refused.alertId + " of rule " + refused.alert.ruleId() + " v"
            + refused.alert.ruleVersion() + " for key " + refused.alert.key());
  }

  private void abandonInFlight() {
    for (Delivery abandoned : inFlight) {
      abandoned.answer.cancel(true);
    }
    inFlight.clear();
    refusals.clear();
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
      WebhookAlerts.OnRefusal onRefusal = settings.onRefusal();
      if (!retryable && onRefusal != WebhookAlerts.OnRefusal.FAIL) {
        refused.inc();
        boolean kept = onRefusal == WebhookAlerts.OnRefusal.DEAD_LETTER;
        LOG.error("the webhook sink's endpoint {} refused alert {} of rule {} v{} for key {}, "
            + "which is {} (--webhookOnRefusal={}): {}", settings.shownAs(),
            delivery.alertId, delivery.alert.ruleId(), delivery.alert.ruleVersion(),
            delivery.alert.key(), kept ? "written to the dead letters" : "dropped", onRefusal,
            failure);
        if (kept) {
          delivery.refusal = failure;
          refusals.add(delivery);
        }
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
