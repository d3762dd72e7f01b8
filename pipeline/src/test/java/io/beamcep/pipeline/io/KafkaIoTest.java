package io.beamcep.pipeline.io;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertCoder;
import io.beamcep.pipeline.alert.AlertJson;
import io.beamcep.pipeline.event.EventParseConfig;
import io.beamcep.pipeline.sink.KafkaAlerts;
import io.beamcep.pipeline.testing.Collected;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.Scenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka in and out, against a real broker. */
class KafkaIoTest {
  private static KafkaBroker kafka;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBroker.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void recordsCarryTheirSourceAndTheEventsOwnTimeAsTimestamp() throws Exception {
    List<String> lines = new ArrayList<>(Scenarios.lines(Scenarios.eventsFile(1)));
    lines.add("{not json");
    kafka.createTopic("events", 1);
    kafka.produce("events", lines);

    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(false);
    Pipeline pipeline = Pipeline.create(options);
    Collected<String> seen =
        Collected.from(
            pipeline
                .apply(
                    KafkaEvents.read(kafka.bootstrapServers(), List.of("events"))
                        .withGroupId("test-group")
                        .withEventTime(
                            EventParseConfig.defaults(), org.joda.time.Duration.millis(500)))
                .apply(ParDo.of(new DescribeFn()))
                .setCoder(StringUtf8Coder.of()),
            "Records");
    PipelineResult result = pipeline.run();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> seen.elements().size() == lines.size());
    } finally {
      result.cancel();
    }
    List<String> valid = seen.elements().subList(0, 4);
    assertThat(valid, contains(
        "events-0@0 2020-01-01T00:01:00.000Z",
        "events-0@1 2020-01-01T00:01:03.000Z",
        "events-0@2 2020-01-01T00:01:07.000Z",
        "events-0@3 2020-01-01T00:01:08.000Z"));
    assertThat(seen.elements().get(4).substring(0, 11), org.hamcrest.Matchers.is("events-0@4 "));
  }

  @Test
  void alertsAreWrittenKeyedByTheAlertKeyAsJson() {
    List<Alert> alerts = List.of(
        io.beamcep.pipeline.sink.SinkFixtures.alert("u1", 1),
        io.beamcep.pipeline.sink.SinkFixtures.alert("u2", 5));
    kafka.createTopic("alerts", 1);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(Create.of(alerts).withCoder(AlertCoder.of()))
        .apply(KafkaAlerts.to(kafka.bootstrapServers(), "alerts"));
    pipeline.run().waitUntilFinish();

    List<String> written = new ArrayList<>();
    for (ConsumerRecord<String, String> record : kafka.consumeRecords("alerts")) {
      written.add(record.key() + "=" + record.value());
    }
    assertThat(written, containsInAnyOrder(
        "u1=" + AlertJson.toJson(alerts.get(0)), "u2=" + AlertJson.toJson(alerts.get(1))));
  }

  private static final class DescribeFn extends DoFn<KV<String, byte[]>, String> {
    @ProcessElement
    public void describe(ProcessContext context) {
      context.output(context.element().getKey() + " " + context.timestamp());
    }
  }
}
