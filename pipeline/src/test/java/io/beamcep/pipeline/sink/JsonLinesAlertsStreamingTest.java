package io.beamcep.pipeline.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertCoder;
import io.beamcep.pipeline.alert.AlertJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.testing.TestStream;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A streaming run writes one complete file per output window; together they hold every alert. */
class JsonLinesAlertsStreamingTest {

  @Test
  void alertsOfTwoWindowsLandInTwoFilesAndNoneIsLost(@TempDir Path dir) throws Exception {
    Alert early = SinkFixtures.alert("u1", 1);
    Alert sameWindow = SinkFixtures.alert("u2", 3);
    Alert later = SinkFixtures.alert("u3", 30);
    TestStream<Alert> alerts =
        TestStream.create(AlertCoder.of())
            .addElements(
                org.apache.beam.sdk.values.TimestampedValue.of(early, new Instant(1_000)),
                org.apache.beam.sdk.values.TimestampedValue.of(sameWindow, new Instant(2_000)))
            .advanceWatermarkTo(new Instant(10_000))
            .addElements(org.apache.beam.sdk.values.TimestampedValue.of(later, new Instant(12_000)))
            .advanceWatermarkToInfinity();
    StreamingOptions options = PipelineOptionsFactory.create().as(StreamingOptions.class);
    options.setStreaming(true);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(alerts)
        .apply(
            JsonLinesAlerts.to(dir.resolve("alerts").toString())
                .withWindowLength(Duration.standardSeconds(10)));
    pipeline.run().waitUntilFinish();

    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList();
    }
    assertThat(files, hasSize(2));
    List<String> lines = new ArrayList<>();
    for (Path file : files) {
      lines.addAll(Files.readAllLines(file));
    }
    assertThat(
        lines,
        containsInAnyOrder(
            AlertJson.toJson(early), AlertJson.toJson(sameWindow), AlertJson.toJson(later)));
  }
}
