package io.beamcep.pipeline.io;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.pipeline.testing.EmbeddedFlink;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Views whose JSON holds no time, matched in the times of their Kafka records by scenario 1's rule
 * (a view strictly followed by a view within 5 minutes): the fixture of the tests of where a Kafka
 * job's events and their times come from.
 */
final class TimedViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TimedViews() {}

  /** A view of {@code user}'s, numbered {@code id}, with no time of its own. */
  static String view(int id, String user) {
    return "{\"id\": " + id + ", \"eventType\": \"view\", \"productId\": \"1005073\", "
        + "\"price\": 1130.02, \"userId\": \"" + user + "\"}";
  }

  /**
   * Scenario 1's rule over {@code topics} in event time, the records' Kafka timestamps, on the
   * {@code runner} (DirectRunner or FlinkRunner, embedded) without blocking; alerts to the topic
   * {@code alerts}.
   */
  static CepPipelineOptions job(KafkaBroker kafka, String runner, String topics, String alerts) {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    if (runner.equals("FlinkRunner")) {
      EmbeddedFlink.unboundedJob(options);
    } else {
      options.setRunner(DirectRunner.class);
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    options.setKafkaBrokers(kafka.bootstrapServers());
    options.setSource(CepPipelineOptions.SourceKind.kafka);
    options.setInputTopic(topics);
    options.setUsingEventTime(true);
    options.setTimeFormat("KAFKA_TIMESTAMP");
    options.setRulesFile(Scenarios.rulesFile(1).toString());
    options.setSinks("kafka");
    options.setOutputTopic(alerts);
    return options;
  }

  /**
   * Runs the job of {@code options} until alerts on {@code alerts} hold each of the views {@code
   * ids}, in turn, then cancels it; returns the matched views ({@link #matchedViews}).
   */
  static List<List<Integer>> runUntilMatched(KafkaBroker kafka, CepPipelineOptions options,
      String alerts, int... ids) throws IOException {
    PipelineResult job = CepPipeline.run(options);
    try {
      for (int id : ids) {
        awaitAlertWith(kafka, job, alerts, id);
      }
    } finally {
      job.cancel();
    }
    return matchedViews(kafka, alerts);
  }

  /**
   * Runs the job of {@code options} until an alert on {@code alerts} holds the view {@code
   * before}, then does {@code meanwhile} (writes more views, grows a topic, ...) and runs it until
   * an alert holds the view {@code after}; cancels it and returns the matched views.
   */
  static List<List<Integer>> runUntilMatchedAround(KafkaBroker kafka, CepPipelineOptions options,
      String alerts, int before, Runnable meanwhile, int after) throws IOException {
    PipelineResult job = CepPipeline.run(options);
    try {
      awaitAlertWith(kafka, job, alerts, before);
      meanwhile.run();
      awaitAlertWith(kafka, job, alerts, after);
    } finally {
      job.cancel();
    }
    return matchedViews(kafka, alerts);
  }

  /** Waits until an alert on {@code alerts} holds the view {@code id}, or the job ended. */
  static void awaitAlertWith(KafkaBroker kafka, PipelineResult job, String alerts, int id) {
    await().atMost(Duration.ofSeconds(120))
        .failFast("the job ended", () -> job.getState().isTerminal())
        .until(() -> kafka.consumeAll(alerts).stream()
            .anyMatch(alert -> viewIds(alert).contains(id)));
  }

  /** The ids of the views of each alert on {@code alerts}, first view's then second's. */
  static List<List<Integer>> matchedViews(KafkaBroker kafka, String alerts) {
    return kafka.consumeAll(alerts).stream().map(TimedViews::viewIds).toList();
  }

  private static List<Integer> viewIds(String alertJson) {
    try {
      JsonNode events = JSON.readTree(alertJson).get("events");
      return List.of(events.get("first_view").get(0).get("id").asInt(),
          events.get("second_view").get(0).get("id").asInt());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
