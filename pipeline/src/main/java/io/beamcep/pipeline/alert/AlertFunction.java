package io.beamcep.pipeline.alert;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a name in the rule row's {@code function} column means: how the rule's alerts are rendered
 * and whether its timed-out partial matches are reported too.
 *
 * @param name the name as written in the rule table
 * @param format how sinks render the alerts of rules naming this function
 * @param emitsTimeouts whether partial matches whose window closed are emitted as TIMEOUT alerts
 */
public record AlertFunction(String name, Format format, boolean emitsTimeouts)
    implements Serializable {

  /** The rendering of one alert. */
  public enum Format {
    /** One JSON object per alert: {@link AlertJson}. */
    JSON,
    /** The reference system's stdout line: {@link ReferenceText}. */
    REFERENCE_TEXT
  }

  public AlertFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
  }

  /** Renders one alert as this function's sinks write it. */
  public String render(Alert alert) {
    return switch (format) {
      case JSON -> AlertJson.toJson(alert);
      case REFERENCE_TEXT -> ReferenceText.of(alert);
    };
  }
}
