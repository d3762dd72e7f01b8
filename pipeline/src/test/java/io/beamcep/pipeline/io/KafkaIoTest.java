package io.beamcep.pipeline.io;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertCoder;
import io.beamcep.pipeline.alert.AlertJson;
import io.beamcep.pipeline.event.EventParseConfig;
import io.beamcep.pipeline.sink.KafkaAlerts;
import io.beamcep.pipeline.sink.KafkaDeadLetters;
import io.beamcep.pipeline.testing.Collected;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.Scenarios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kafka in and out, against a real broker. */
class KafkaIoTest {
  private static KafkaBroker kafka;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBroker.shared();
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
    assertThat(seen.elements().get(4).substring(0, 11), is("events-0@4 "));
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

  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void recordsThatAreNotEventsGoToTheDeadLetterTopicExactlyAsReceived(String runner,
      @TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>(Scenarios.lines(Scenarios.eventsFile(1)));
    lines.add(1, "{not json");
    lines.add("{\"id\": 9, \"eventTime\": \"2020-01-01 00:09:00.0\", \"eventType\": \"view\"}");
    Path events = Files.write(dir.resolve("events.jsonl"), lines);
    String topic = "dead-letters-" + runner;
    kafka.createTopic(topic, 1);
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    if (runner.equals("FlinkRunner")) {
      // streaming on an embedded Flink, as a production job runs, ended by the file's end
      FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
      flink.setRunner(FlinkRunner.class);
      flink.setFlinkMaster("[local]");
      flink.setStreaming(true);
      flink.setParallelism(1);
      flink.setShutdownSourcesAfterIdleMs(0L);
    } else {
      options.setRunner(DirectRunner.class);
    }
    options.setSource(CepPipelineOptions.SourceKind.file);
    options.setInputFile(events.toString());
    options.setRulesFile(Scenarios.rulesFile(1).toString());
    options.setSinks("jsonl");
    options.setOutputFile(dir.resolve("alerts").toString());
    options.setKafkaBrokers(kafka.bootstrapServers());
    options.setDeadLetterTopic(topic);
    Pipeline pipeline = Pipeline.create(options);
    CepPipeline.build(pipeline, options);
    pipeline.run().waitUntilFinish();

    List<String> written = new ArrayList<>();
    for (ConsumerRecord<String, String> record : kafka.consumeRecords(topic)) {
      String source = header(record, KafkaDeadLetters.SOURCE_HEADER);
      assertThat(record.key(), is(source));
      written.add(source + " " + record.value() + " / " + header(record,
          KafkaDeadLetters.REASON_HEADER));
    }
    assertThat(written, containsInAnyOrder(
        startsWith("events.jsonl:2 {not json / not valid JSON at line 1 column 2"),
        allOf(startsWith("events.jsonl:6 " + lines.get(5) + " / "),
            containsString("missing key field 'userId'"))));
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static final class DescribeFn extends DoFn<KV<String, byte[]>, String> {
    @ProcessElement
    public void describe(ProcessContext context) {
      context.output(context.element().getKey() + " " + context.timestamp());
    }
  }
}
