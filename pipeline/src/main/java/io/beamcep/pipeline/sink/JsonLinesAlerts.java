package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * One alert per line ({@link Alert#line}: our JSON, or its function's plugin's rendering). A
 * bounded run writes one file {@code <prefix>.jsonl}. A streaming run cannot append to one file
 * forever (files are only complete when their window closes), so it writes one file per window of
 * {@code windowLength}, named by the window, each complete and readable once written.
 */
public final class JsonLinesAlerts extends PTransform<PCollection<Alert>, PDone> {
  private final String prefix;
  private final Duration windowLength;

  private JsonLinesAlerts(String prefix, Duration windowLength) {
    this.prefix = prefix;
    this.windowLength = windowLength;
  }

  public static JsonLinesAlerts to(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("the jsonl sink needs an output file (--outputFile)");
    }
    return new JsonLinesAlerts(prefix, Duration.standardSeconds(10));
  }

  public JsonLinesAlerts withWindowLength(Duration length) {
    if (!length.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("output window must be positive, got " + length);
    }
    return new JsonLinesAlerts(prefix, length);
  }

  @Override
  public PDone expand(PCollection<Alert> alerts) {
    PCollection<String> lines =
        alerts
            .apply("ToJson", MapElements.into(TypeDescriptors.strings()).via(Alert::line))
            .setCoder(StringUtf8Coder.of());
    if (alerts.isBounded() == PCollection.IsBounded.BOUNDED) {
      return lines.apply("Write", TextIO.write().to(prefix).withSuffix(".jsonl").withoutSharding());
    }
    return lines
        .apply("Window", Window.into(FixedWindows.of(windowLength)))
        .apply(
            "WriteWindowed",
            TextIO.write().to(prefix).withSuffix(".jsonl").withWindowedWrites().withNumShards(1));
  }
}
