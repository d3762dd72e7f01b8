package io.beamcep.pipeline.alert;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a name in the rule row's {@code function} column means: how the rule's alerts are rendered
 * and whether its timed-out partial matches are reported too.
 *
 * @param name the name as written in the rule table
 * @param format how sinks render the alerts of rules naming this function
 * @param emitsTimeouts whether partial matches whose window closed are emitted as TIMEOUT alerts
 * @param renderer a plugin's own rendering, for {@link Format#CUSTOM} only
 */
public record AlertFunction(String name, Format format, boolean emitsTimeouts,
    AlertRenderer renderer) implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertFunction.class);

  /** The rendering of one alert. */
  public enum Format {
    /** One JSON object per alert: {@link AlertJson}. */
    JSON,
    /** The reference system's stdout line: {@link ReferenceText}. */
    REFERENCE_TEXT,
    /** A plugin's own: its {@link AlertRenderer}. */
    CUSTOM
  }

  public AlertFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    if ((format == Format.CUSTOM) != (renderer != null)) {
      throw new IllegalArgumentException("alert function " + name + ": a renderer goes with the "
          + "CUSTOM format, and only with it");
    }
  }

  /** A function rendering its alerts as one of ours. */
  public AlertFunction(String name, Format format, boolean emitsTimeouts) {
    this(name, format, emitsTimeouts, null);
  }

  /** A plugin's function rendering its alerts with {@code renderer}. */
  public AlertFunction(String name, AlertRenderer renderer, boolean emitsTimeouts) {
    this(name, Format.CUSTOM, emitsTimeouts, Objects.requireNonNull(renderer, "renderer"));
  }

  /** Renders one alert as the stdout sink prints it. */
  public String render(Alert alert) {
    return switch (format) {
      case JSON -> AlertJson.toJson(alert);
      case REFERENCE_TEXT -> ReferenceText.of(alert);
      case CUSTOM -> custom(alert, false);
    };
  }

  /**
   * The alert as the jsonl, kafka and webhook sinks write it: a plugin's rendering, else our JSON
   * (the reference's text is a line for a console, not a record).
   */
  public String payload(Alert alert) {
    return format == Format.CUSTOM ? custom(alert, false) : AlertJson.toJson(alert);
  }

  /**
   * The payload as the jsonl sink writes it, one line: a plugin's rendering of several lines
   * (pretty-printed JSON, say) would split its record for every reader of lines, so it goes out
   * as our JSON, as a rendering that failed does. The kafka and webhook sinks, whose records hold
   * any text, write it as it is.
   */
  public String line(Alert alert) {
    return format == Format.CUSTOM ? custom(alert, true) : AlertJson.toJson(alert);
  }

  /** The payload's media type, for the webhook sink. */
  public String contentType() {
    return format == Format.CUSTOM ? renderer.contentType() : "application/json";
  }

  private String custom(Alert alert, boolean oneLine) {
    String failure;
    try {
      String text = renderer.render(alert);
      if (text == null) {
        failure = "it rendered null";
      } else if (oneLine && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
        failure = "it rendered more than one line, and the jsonl sink writes a line per alert";
      } else {
        return text;
      }
    } catch (RuntimeException e) {
      failure = e.toString();
    }
    LOG.error("alert function {} cannot render an alert of rule {} v{} for key {}; written as "
        + "JSON: {}", name, alert.ruleId(), alert.ruleVersion(), alert.key(), failure);
    Metrics.counter("beamcep.alert", "render_errors").inc();
    return AlertJson.toJson(alert);
  }

}
