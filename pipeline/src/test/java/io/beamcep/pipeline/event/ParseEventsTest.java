package io.beamcep.pipeline.event;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.beamcep.patterns.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class ParseEventsTest {
  private static final String GOOD_1 =
      "{\"id\":1,\"eventTime\":\"2020-01-01 00:01:00.0\",\"userId\":\"a\"}";
  private static final String GOOD_2 =
      "{\"id\":2,\"eventTime\":\"2020-01-01 00:01:03.0\",\"userId\":\"b\"}";
  private static final String BAD_TIME = "{\"id\":3,\"eventTime\":\"xx\",\"userId\":\"a\"}";
  private static final String NO_KEY = "{\"id\":4,\"eventTime\":\"2020-01-01 00:01:00.0\"}";
  private static final String NOT_JSON = "{\"id\":5,";
  private static final String ARRAY = "[5]";
  /** Nested past the parser's limit, and deep enough to overflow a small worker stack before. */
  private static final String TOO_DEEP =
      "{\"userId\":\"d\",\"n\":" + "[".repeat(990) + "]".repeat(990) + "}";

  /** "key/id@millis" for every event, so PAssert checks keys, events and element timestamps. */
  static final class DescribeFn extends DoFn<KV<String, Event>, String> {
    @ProcessElement
    public void process(@Element KV<String, Event> event, @Timestamp org.joda.time.Instant ts,
        OutputReceiver<String> out) {
      out.output(event.getKey() + "/" + event.getValue().get("id") + "@" + ts.getMillis());
    }
  }

  @Test
  void goodRecordsBecomeKeyedEventsAtTheirEventTimeAndBadOnesDeadLetters(TestPipeline pipeline) {
    ParseResult result =
        pipeline
            .apply(Create.of(GOOD_1, GOOD_2, BAD_TIME, NO_KEY, NOT_JSON, ARRAY, TOO_DEEP))
            .apply(ParseEvents.strings(EventParseConfig.defaults()));

    PAssert.that(result.events().apply(ParDo.of(new DescribeFn())))
        .containsInAnyOrder("a/1@1577836860000", "b/2@1577836863000");
    PCollection<String> reasons =
        result.deadLetters().apply(MapElements.into(TypeDescriptors.strings())
            .via((DeadLetter letter) -> letter.rawText() + " -> " + letter.reason()));
    PAssert.that(reasons)
        .containsInAnyOrder(
            BAD_TIME + " -> field 'eventTime': cannot parse 'xx' as yyyy-MM-dd HH:mm:ss[.S]",
            NO_KEY + " -> missing key field 'userId'",
            NOT_JSON + " -> not valid JSON at line 1 column 9: Unexpected end-of-input"
                + " within/between Object entries",
            ARRAY + " -> not a JSON object (found an array)",
            TOO_DEEP + " -> nested deeper than 100 levels at line 1 column 119");

    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    assertThat(counter(run, "records_in"), is(7L));
    assertThat(counter(run, "events_out"), is(2L));
    assertThat(counter(run, "parse_errors"), is(5L));
  }

  @Test
  void deadLettersKeepTheSourceHintAndTheRawBytes(TestPipeline pipeline) {
    byte[] invalidUtf8 = {'{', (byte) 0xff, '}'};
    ParseResult result =
        pipeline
            .apply(Create.of(KV.of("clicks-0@41", GOOD_1.getBytes(StandardCharsets.UTF_8)),
                    KV.of("clicks-0@42", invalidUtf8))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of())))
            .apply(ParseEvents.sourced(EventParseConfig.defaults()));

    PAssert.that(result.deadLetters()).satisfies(letters -> {
      List<DeadLetter> all = new java.util.ArrayList<>();
      letters.forEach(all::add);
      assertThat(all.size(), is(1));
      assertThat(all.get(0).source(), is("clicks-0@42"));
      assertThat(all.get(0).raw(), is(invalidUtf8));
      return null;
    });
    PAssert.that(result.events().apply(ParDo.of(new DescribeFn())))
        .containsInAnyOrder("a/1@1577836860000");
    pipeline.run().waitUntilFinish();
  }

  private static long counter(PipelineResult run, String name) {
    MetricQueryResults metrics =
        run.metrics().queryMetrics(MetricsFilter.builder()
            .addNameFilter(MetricNameFilter.named(ParseEvents.METRICS_NAMESPACE, name)).build());
    long total = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }
}
