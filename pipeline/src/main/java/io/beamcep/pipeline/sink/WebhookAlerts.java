package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * and what the endpoint answered.
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

  private final URI url;
  private final LinkedHashMap<String, String> headers;
  private final int maxRetries;
  private final Duration timeout;
  private final Duration firstBackoff;

  private WebhookAlerts(URI url, Map<String, String> headers, int maxRetries, Duration timeout,
      Duration firstBackoff) {
    this.url = url;
    this.headers = new LinkedHashMap<>(headers);
    this.maxRetries = maxRetries;
    this.timeout = timeout;
    this.firstBackoff = firstBackoff;
  }

  /** Alerts POSTed to {@code url}, an http or https URL. */
  public static WebhookAlerts to(String url) {
    return new WebhookAlerts(checkUrl(url), Map.of(), DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT,
        FIRST_BACKOFF);
  }

  private static URI checkUrl(String url) {
    String problem = "--webhookUrl must be an http or https URL with a host, got '" + url + "'";
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
      throw new IllegalArgumentException(problem + ": " + e.getMessage(), e);
    }
  }

  /** The same sink sending {@code headers} with every alert too. */
  public WebhookAlerts withHeaders(Map<String, String> headers) {
    return new WebhookAlerts(url, headers, maxRetries, timeout, firstBackoff);
  }

  /** The same sink trying a failed POST again up to {@code maxRetries} times (0: never). */
  public WebhookAlerts withMaxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException(
          "--webhookMaxRetries must be 0 or more, got " + maxRetries);
    }
    return new WebhookAlerts(url, headers, maxRetries, timeout, firstBackoff);
  }

  /** The same sink giving each POST {@code timeout} to connect and to be answered. */
  public WebhookAlerts withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--webhookTimeoutMs must be positive, got "
          + timeout.toMillis());
    }
    return new WebhookAlerts(url, headers, maxRetries, timeout, firstBackoff);
  }

  /**
   * The same sink waiting {@code firstBackoff} before its first retry, twice as long before each
   * next one (1 s by default), unless the endpoint's {@code Retry-After} asks for longer.
   */
  public WebhookAlerts withFirstBackoff(Duration firstBackoff) {
    return new WebhookAlerts(url, headers, maxRetries, timeout, firstBackoff);
  }

  /**
   * Asks the endpoint at launch whether it is there, with an OPTIONS request (which changes
   * nothing) bounded by {@code timeout}: any answer will do, since an endpoint that takes POSTs
   * may refuse other methods. Refuses a job whose alerts could not leave: a host that does not
   * resolve, a port nobody listens on, a TLS handshake that fails, no answer at all.
   */
  public void checkReachable(Duration timeout) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    try {
      client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + target(), e);
    }
  }

  /** Where the alerts go, for a launch's description: the URL without its query. */
  public String target() {
    return "POST to " + url.getScheme() + "://" + url.getRawAuthority()
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  /**
   * The headers a file holds, a line each as {@code Name: value} (e.g. {@code Authorization:
   * Bearer ...}); blank lines and lines starting with {@code #} are skipped. Read where the job is
   * launched; they travel inside the job, as a database password does.
   *
   * @param option the option that named the file, for the errors
   * @throws IllegalArgumentException naming the option, the file and each bad line: no colon, a
   *     name that is not an HTTP token, a header the sink sets itself
   */
  public static Map<String, String> headersFromFile(Path file, String option) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e, e);
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
      throw new IllegalArgumentException(
          option + " " + file + ": " + String.join("; ", problems));
    }
    return headers;
  }

  @Override
  public PDone expand(PCollection<Alert> alerts) {
    alerts.apply("PostAlerts", ParDo.of(
        new WebhookAlertWriter(url, headers, maxRetries, timeout, firstBackoff)));
    return PDone.in(alerts.getPipeline());
  }
}
