package io.beamcep.pipeline.io;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesEventsTest {

  @Test
  void everyNonBlankLineIsARecordNamedByFileAndLineNumber(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"id\":1}\n\n{\"id\":2}\n{broken\n");
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<String> records =
        pipeline
            .apply(JsonLinesEvents.read(file.toString()))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<String, byte[]> r) ->
                            r.getKey() + " " + new String(r.getValue(), StandardCharsets.UTF_8)))
            .setCoder(StringUtf8Coder.of());
    PAssert.that(records)
        .containsInAnyOrder(
            "events.jsonl:1 {\"id\":1}", "events.jsonl:3 {\"id\":2}", "events.jsonl:4 {broken");
    pipeline.run().waitUntilFinish();
  }
}
