package io.beamcep.pipeline.event;

import io.beamcep.patterns.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Parses raw JSON records into keyed, timestamped events. A malformed record never fails the job:
 * it goes to {@link ParseResult#deadLetters()} with a reason naming the field (and line and column
 * for JSON syntax errors). Three entry points by input type:
 *
 * <ul>
 *   <li>{@link #bytes(EventParseConfig)}: record values as bytes (Kafka values);
 *   <li>{@link #strings(EventParseConfig)}: one record per string (lines of a file);
 *   <li>{@link #sourced(EventParseConfig)}: {@code KV<source hint, bytes>}, the hint (e.g.
 *       {@code topic-0@42} or {@code events.jsonl:17}) is copied into dead letters.
 * </ul>
 */
public final class ParseEvents {
  /** Metric namespace of the parse counters. */
  public static final String METRICS_NAMESPACE = "beamcep.parse";

  private ParseEvents() {}

  public static PTransform<PCollection<byte[]>, ParseResult> bytes(EventParseConfig config) {
    Objects.requireNonNull(config, "config");
    return new PTransform<>("ParseEvents") {
      @Override
      public ParseResult expand(PCollection<byte[]> input) {
        return input
            .apply("WithoutSource", MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), new ByteArrayTypeDescriptor()))
                .via((byte[] raw) -> KV.of("", raw)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()))
            .apply(sourced(config));
      }
    };
  }

  public static PTransform<PCollection<String>, ParseResult> strings(EventParseConfig config) {
    Objects.requireNonNull(config, "config");
    return new PTransform<>("ParseEvents") {
      @Override
      public ParseResult expand(PCollection<String> input) {
        return input
            .apply("ToBytes", MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), new ByteArrayTypeDescriptor()))
                .via((String line) -> KV.of("", line.getBytes(StandardCharsets.UTF_8))))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()))
            .apply(sourced(config));
      }
    };
  }

  public static PTransform<PCollection<KV<String, byte[]>>, ParseResult> sourced(
      EventParseConfig config) {
    Objects.requireNonNull(config, "config");
    return new PTransform<>("ParseEvents") {
      @Override
      public ParseResult expand(PCollection<KV<String, byte[]>> input) {
        PCollectionTuple outputs =
            input.apply(
                "Parse",
                ParDo.of(new ParseFn(config))
                    .withOutputTags(ParseResult.EVENTS,
                        TupleTagList.of(ParseResult.DEAD_LETTERS)));
        outputs.get(ParseResult.EVENTS).setCoder(KvCoder.of(StringUtf8Coder.of(), EventCoder.of()));
        outputs.get(ParseResult.DEAD_LETTERS).setCoder(DeadLetterCoder.of());
        return new ParseResult(outputs);
      }
    };
  }

  private static final class ByteArrayTypeDescriptor
      extends org.apache.beam.sdk.values.TypeDescriptor<byte[]> {}

  static final class ParseFn extends DoFn<KV<String, byte[]>, KV<String, Event>> {
    private final Counter recordsIn = Metrics.counter(METRICS_NAMESPACE, "records_in");
    private final Counter eventsOut = Metrics.counter(METRICS_NAMESPACE, "events_out");
    private final Counter parseErrors = Metrics.counter(METRICS_NAMESPACE, "parse_errors");
    private final EventParser parser;

    ParseFn(EventParseConfig config) {
      this.parser = new EventParser(config);
    }

    @ProcessElement
    public void process(@Element KV<String, byte[]> record, MultiOutputReceiver out) {
      recordsIn.inc();
      byte[] raw = record.getValue();
      ParsedEvent parsed;
      try {
        parsed = parser.parse(raw);
      } catch (EventParseException e) {
        reject(out, raw, e.getMessage(), record.getKey());
        return;
      } catch (RuntimeException e) {
        // Never let one record fail the job; the reason still says what happened.
        reject(out, raw, "cannot parse record: " + e, record.getKey());
        return;
      }
      KV<String, Event> keyed = KV.of(parsed.key(), parsed.event());
      if (parsed.timestampMillis() == ParsedEvent.NO_TIMESTAMP) {
        out.get(ParseResult.EVENTS).output(keyed);
      } else {
        Instant timestamp = new Instant(parsed.timestampMillis());
        if (timestamp.isBefore(BoundedWindow.TIMESTAMP_MIN_VALUE)
            || !timestamp.isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
          reject(out, raw, "field '" + parser.config().timestampField() + "': "
              + parsed.timestampMillis() + " is outside the supported time range",
              record.getKey());
          return;
        }
        out.get(ParseResult.EVENTS).outputWithTimestamp(keyed, timestamp);
      }
      eventsOut.inc();
    }

    private void reject(MultiOutputReceiver out, byte[] raw, String reason, String source) {
      parseErrors.inc();
      out.get(ParseResult.DEAD_LETTERS).output(new DeadLetter(raw, reason, source));
    }

    // Event time comes from the record, not from the source: it may be earlier than the input
    // element's timestamp (e.g. Kafka log-append time); ordering is the matcher's job.
    @SuppressWarnings("deprecation")
    @Override
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
