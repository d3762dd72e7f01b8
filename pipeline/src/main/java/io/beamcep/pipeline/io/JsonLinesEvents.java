package io.beamcep.pipeline.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Bounded replay of JSON-lines files (a path or glob): every non-blank line is one raw event,
 * passed on with the source hint {@code file:line} so that a dead letter says exactly which line
 * was bad. Lines are read in file order; matching order is by event time, not by line.
 */
public final class JsonLinesEvents extends PTransform<PBegin, PCollection<KV<String, byte[]>>> {
  private final String filepattern;

  private JsonLinesEvents(String filepattern) {
    this.filepattern = filepattern;
  }

  public static JsonLinesEvents read(String filepattern) {
    if (filepattern == null || filepattern.isBlank()) {
      throw new IllegalArgumentException("an input file is required for the file source");
    }
    return new JsonLinesEvents(filepattern);
  }

  @Override
  public PCollection<KV<String, byte[]>> expand(PBegin input) {
    return input
        .apply("Match", FileIO.match().filepattern(filepattern))
        .apply("Open", FileIO.readMatches())
        .apply("Lines", ParDo.of(new NumberedLinesFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
  }

  private static final class NumberedLinesFn extends DoFn<FileIO.ReadableFile, KV<String, byte[]>> {
    @ProcessElement
    public void read(@Element FileIO.ReadableFile file, OutputReceiver<KV<String, byte[]>> out)
        throws IOException {
      String name = file.getMetadata().resourceId().getFilename();
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(
                  Channels.newInputStream(file.open()), StandardCharsets.UTF_8))) {
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          number++;
          if (!line.isBlank()) {
            out.output(KV.of(name + ":" + number, line.getBytes(StandardCharsets.UTF_8)));
          }
        }
      }
    }
  }
}
