package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.event.DeadLetter;
import io.beamcep.pipeline.event.DeadLetterCoder;
import io.beamcep.pipeline.io.TextFiles;
import io.beamcep.pipeline.jdbc.PasswordFile;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Alerts to an HTTP endpoint: each alert POSTed as its JSON ({@code AlertJson}, what the kafka
 * sink writes) with the headers of a headers file (a token, say) and an {@code Idempotency-Key}
 * that identifies the alert by what it found (the jdbc sink's {@code alert_id}), so a receiver
 * can drop an alert sent again: by a retry, a retried bundle or a job restored from a checkpoint
 * (at least once). A failed POST is tried again ({@link WebhookAlertWriter}); a refusal that
 * another try cannot change (a 4xx but 408 and 429) fails the bundle at once, naming the status
 * and what the endpoint answered, drops the alert, or writes it to a dead-letter sink ({@link
 * OnRefusal}).
 */
public final class WebhookAlerts extends PTransform<PCollection<Alert>, PDone> {
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  /** An HTTP header name (RFC 9110's token). */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** Headers the sink sets, or the HTTP client refuses to take from a caller. */
  private static final Set<String> OWN_HEADERS = Set.of("content-type", "idempotency-key",
      "content-length", "host", "connection", "expect", "upgrade");

  /**
   * What the sink and its writers need: the endpoint, how it is named in messages and logs (never
   * its query, and only its host when its URL is a secret), the headers and the retry policy.
   */
  record Settings(URI url, String shownAs, Map<String, String> headers, int maxRetries,
      Duration timeout, Duration firstBackoff, OnRefusal onRefusal) implements Serializable {
    Settings {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    Settings withHeaders(Map<String, String> to) {
      return new Settings(url, shownAs, to, maxRetries, timeout, firstBackoff, onRefusal);
    }

    Settings withMaxRetries(int to) {
      return new Settings(url, shownAs, headers, to, timeout, firstBackoff, onRefusal);
    }

    Settings withTimeout(Duration to) {
      return new Settings(url, shownAs, headers, maxRetries, to, firstBackoff, onRefusal);
    }

    Settings withFirstBackoff(Duration to) {
      return new Settings(url, shownAs, headers, maxRetries, timeout, to, onRefusal);
    }

    Settings withOnRefusal(OnRefusal to) {
      return new Settings(url, shownAs, headers, maxRetries, timeout, firstBackoff, to);
    }
  }

  private final Settings settings;
  /** Where refused alerts go with {@link OnRefusal#DEAD_LETTER}; null otherwise. */
  private final PTransform<PCollection<DeadLetter>, PDone> refusals;

  private WebhookAlerts(Settings settings) {
    this(settings, null);
  }

  private WebhookAlerts(Settings settings, PTransform<PCollection<DeadLetter>, PDone> refusals) {
    this.settings = settings;
    this.refusals = refusals;
  }

  /** Alerts POSTed to {@code url}, an http or https URL, named without its query. */
  public static WebhookAlerts to(String url) {
    URI uri = checkUrl(url, "--webhookUrl must be an http or https URL with a host, got '" + url
        + "'");
    return new WebhookAlerts(new Settings(uri, withoutQuery(uri), Map.of(), DEFAULT_MAX_RETRIES,
        DEFAULT_TIMEOUT, FIRST_BACKOFF, OnRefusal.FAIL));
  }

  /**
   * Alerts POSTed to the URL {@code file} holds (a trailing line break is not part of it), an
   * endpoint whose URL is itself the secret (Slack's or Teams' incoming webhooks): it is named by
   * its host alone, in messages, logs and a launch's description.
   *
   * @param option the option that named the file, for the errors, which never quote the URL
   */
  public static WebhookAlerts toUrlIn(Path file, String option) {
    String url = PasswordFile.read(file, option);
    URI uri;
    try {
      uri = checkUrl(url, option + " " + file + " holds no http or https URL with a host");
    } catch (IllegalArgumentException e) {
      // the file's text is wrong, not the option; without the cause, whose text quotes the URL
      throw new IllegalStateException(e.getMessage());
    }
    String shown = uri.getScheme() + "://" + uri.getRawAuthority() + "/... (the URL in " + option
        + ")";
    return new WebhookAlerts(new Settings(uri, shown, Map.of(), DEFAULT_MAX_RETRIES,
        DEFAULT_TIMEOUT, FIRST_BACKOFF, OnRefusal.FAIL));
  }

  private static URI checkUrl(String url, String problem) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(problem);
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(problem);
      }
      return uri;
    } catch (URISyntaxException e) {
      // the reason without the input, which URISyntaxException's message quotes
      throw new IllegalArgumentException(problem + ": " + e.getReason(), e);
    }
  }

  private static String withoutQuery(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority()
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** The same sink sending {@code headers} with every alert too. */
  public WebhookAlerts withHeaders(Map<String, String> headers) {
    return new WebhookAlerts(settings.withHeaders(headers), refusals);
  }

  /** The same sink trying a failed POST again up to {@code maxRetries} times (0: never). */
  public WebhookAlerts withMaxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException(
          "--webhookMaxRetries must be 0 or more, got " + maxRetries);
    }
    return new WebhookAlerts(settings.withMaxRetries(maxRetries), refusals);
  }

  /** The same sink giving each POST {@code timeout} to connect and to be answered. */
  public WebhookAlerts withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--webhookTimeoutMs must be positive, got "
          + timeout.toMillis());
    }
    return new WebhookAlerts(settings.withTimeout(timeout), refusals);
  }

  /**
   * The same sink waiting {@code firstBackoff} before its first retry, twice as long before each
   * next one (1 s by default), unless the endpoint's {@code Retry-After} asks for longer.
   */
  public WebhookAlerts withFirstBackoff(Duration firstBackoff) {
    return new WebhookAlerts(settings.withFirstBackoff(firstBackoff), refusals);
  }

  /**
   * The same sink doing {@code onRefusal} with an alert the endpoint refuses with an answer
   * another attempt cannot change (a 4xx but 408 and 429); {@link OnRefusal#DEAD_LETTER} is
   * {@link #refusalsTo}'s.
   */
  public WebhookAlerts onRefusal(OnRefusal onRefusal) {
    if (Objects.requireNonNull(onRefusal, "onRefusal") == OnRefusal.DEAD_LETTER) {
      throw new IllegalArgumentException("--webhookOnRefusal=DEAD_LETTER needs "
          + "--webhookDeadLetterTopic, the Kafka topic the refused alerts go to");
    }
    return new WebhookAlerts(settings.withOnRefusal(onRefusal));
  }

  /**
   * The same sink writing each alert the endpoint refuses for good to {@code deadLetters}, as a
   * dead letter holding the payload as it was sent, the endpoint's answer as the reason and the
   * alert (its id, rule and key) as the source, so that it can be sent again once what the
   * endpoint refused is mended; the other alerts go on. Written at the end of the bundle that
   * sent it.
   */
  public WebhookAlerts refusalsTo(PTransform<PCollection<DeadLetter>, PDone> deadLetters) {
    return new WebhookAlerts(settings.withOnRefusal(OnRefusal.DEAD_LETTER),
        Objects.requireNonNull(deadLetters, "deadLetters"));
  }

  /** What becomes of an alert the endpoint refuses for good. */
  public enum OnRefusal {
    /**
     * The bundle fails, naming the alert and the answer: on Flink the job restarts from its last
     * checkpoint and sends the alert again, so a refusal of every alert (a wrong token) stops the
     * alerts visibly, and so does one alert the endpoint never takes.
     */
    FAIL,
    /**
     * The alert is logged (its key, rule, the answer) and counted ({@code webhook_refused}), and
     * the others go on: one alert the endpoint never takes (a 413 for one too large) cannot stop
     * the job's alerts, but a refusal of every alert is only seen in the log and the counter.
     */
    SKIP,
    /**
     * As {@link #SKIP}, and the alert is written to a dead-letter sink ({@link #refusalsTo}), so
     * that no alert is lost to a refusal: it can be sent again once mended.
     */
    DEAD_LETTER
  }

  /**
   * Asks the endpoint at launch whether it is there, with an OPTIONS request (which changes
   * nothing) bounded by {@code timeout}: any answer will do, since an endpoint that takes POSTs
   * may refuse other methods. Refuses a job whose alerts could not leave: a host that does not
   * resolve, a port nobody listens on, a TLS handshake that fails, no answer at all.
   */
  public void checkReachable(Duration timeout) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(timeout)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    settings.headers().forEach(request::header);
    try {
      client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + target(), e);
    }
  }

  /**
   * The headers a file holds, a line each as {@code Name: value} (e.g. {@code Authorization:
   * Bearer ...}); blank lines and lines starting with {@code #} are skipped. Read where the job is
   * launched; they travel inside the job, as a database password does.
   *
   * @param option the option that named the file, for the errors
   * @throws IllegalStateException naming the option, the file and each bad line: no colon, a
   *     name that is not an HTTP token, a header the sink sets itself (bad input, not a wrong
   *     option)
   */
  public static Map<String, String> headersFromFile(Path file, String option) {
    List<String> lines;
    try {
      lines = TextFiles.readLines(file);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(option + " " + file + " cannot be read: " + e, e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? line : line.substring(0, colon).strip();
      if (colon < 0) {
        problems.add("line " + (i + 1) + ": not 'Name: value'");
      } else if (!HEADER_NAME.matcher(name).matches()) {
        problems.add("line " + (i + 1) + ": '" + name + "' is not a header name");
      } else if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        problems.add("line " + (i + 1) + ": " + name + " is set by the sink");
      } else {
        headers.put(name, line.substring(colon + 1).strip());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(option + " " + file + ": " + String.join("; ", problems));
    }
    return headers;
  }

  /** Where the alerts go, for a launch's description: never the URL's query or secret. */
  public String target() {
    return "POST to " + settings.shownAs();
  }

  @Override
  public PDone expand(PCollection<Alert> alerts) {
    PCollection<DeadLetter> refused = alerts
        .apply("PostAlerts", ParDo.of(new WebhookAlertWriter(settings)))
        .setCoder(DeadLetterCoder.of());
    if (refusals != null) {
      refused.apply("RefusedAlerts", refusals);
    }
    return PDone.in(alerts.getPipeline());
  }
}
