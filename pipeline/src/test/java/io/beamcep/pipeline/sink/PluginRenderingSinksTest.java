package io.beamcep.pipeline.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.alert.FraudAlertFunctionPlugin;
import io.beamcep.pipeline.testing.AlertEndpoint;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule whose function is a plugin's with a renderer of its own (a migrated PatternProcessFunction
 * that wrote case records): the record sinks write its rendering instead of our JSON.
 */
class PluginRenderingSinksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KafkaBroker kafka = KafkaBroker.shared();

  /**
   * Scenario 1's replay with its rule naming the alert function {@code function}, to {@code sinks}:
   * the jsonl file {@code alerts.jsonl} in {@code dir}, the Kafka topic {@code topic} (made here).
   */
  private CepPipelineOptions scenarioOneNaming(String function, Path dir, String sinks,
      String topic) throws IOException {
    ObjectNode row = (ObjectNode) Scenarios.ruleRow(1).deepCopy();
    row.put("function", function);
    Path rules = Files.writeString(dir.resolve("rules.json"), "[" + row + "]");
    kafka.createTopic(topic, 1);
    CepPipelineOptions options = Scenarios.replay(1);
    options.setRulesFile(rules.toString());
    options.setSinks(sinks);
    options.setOutputFile(dir.resolve("alerts").toString());
    options.setKafkaBrokers(kafka.bootstrapServers());
    options.setOutputTopic(topic);
    return options;
  }

  /**
   * Scenario 1's rule naming {@code com.acme.cep.FraudCaseFunction} / scenario 1's events / the
   * jsonl file, the webhook endpoint and the Kafka topic each hold one case record per expected
   * match, the same records, the webhook's of the renderer's media type.
   */
  @Test
  void theJsonlKafkaAndWebhookSinksWriteAPluginsRendering(@TempDir Path dir) throws Exception {
    String topic = "cases-" + UUID.randomUUID();
    try (AlertEndpoint endpoint = AlertEndpoint.start()) {
      CepPipelineOptions options =
          scenarioOneNaming(FraudAlertFunctionPlugin.CASE_NAME, dir, "jsonl,kafka,webhook", topic);
      options.setWebhookUrl(endpoint.url());
      Pipeline pipeline = Pipeline.create(options);
      CepPipeline.build(pipeline, options);
      pipeline.run().waitUntilFinish();

      List<String> lines = Files.readAllLines(dir.resolve("alerts.jsonl"));
      assertThat(lines, hasSize(Scenarios.lines(Scenarios.expectedFile(1)).size()));
      assertThat(lines, everyItem(startsWith("{\"case\":\"fraud\",\"user\":\"519698804\"")));
      for (String line : lines) {
        assertThat(JSON.readTree(line).get("events").asInt(), is(2));
      }
      assertThat(endpoint.accepted(), containsInAnyOrder(lines.toArray()));
      assertThat(AlertEndpoint.headerValues(endpoint.received(), "Content-Type"),
          everyItem(is(FraudAlertFunctionPlugin.CASE_TYPE)));
      assertThat(kafka.consumeAll(topic), containsInAnyOrder(lines.toArray()));
    }
  }

  /**
   * Scenario 1's rule naming {@code com.acme.cep.FraudReportFunction}, which renders its case
   * record over several lines / scenario 1's events / the Kafka topic holds the reports as
   * rendered; the jsonl file a line per expected match, each our JSON, since a report would split
   * its line.
   */
  @Test
  void theJsonlSinkWritesARenderingOfSeveralLinesAsOurJson(@TempDir Path dir) throws Exception {
    String topic = "reports-" + UUID.randomUUID();
    CepPipelineOptions options =
        scenarioOneNaming(FraudAlertFunctionPlugin.REPORT_NAME, dir, "jsonl,kafka", topic);
    Pipeline pipeline = Pipeline.create(options);
    CepPipeline.build(pipeline, options);
    pipeline.run().waitUntilFinish();

    int expected = Scenarios.lines(Scenarios.expectedFile(1)).size();
    List<String> lines = Files.readAllLines(dir.resolve("alerts.jsonl"));
    assertThat(lines, hasSize(expected));
    for (String line : lines) {
      assertThat(JSON.readTree(line).get("function").asText(),
          is(FraudAlertFunctionPlugin.REPORT_NAME));
    }
    List<String> reports = kafka.consumeAll(topic);
    assertThat(reports, hasSize(expected));
    assertThat(reports,
        everyItem(startsWith("{\n  \"case\":\"fraud\",\n  \"user\":\"519698804\"")));
  }
}
