package io.beamcep.pipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.pipeline.CepPipelineOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** The reference's five scenarios in /testdata at the repository root (see its README). */
public final class Scenarios {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Scenarios() {}

  public static Path testdata() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("testdata"))
          && Files.exists(dir.resolve("testdata/scenario1.rules.json"))) {
        return dir.resolve("testdata");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no testdata/ above " + System.getProperty("user.dir"));
  }

  public static Path rulesFile(int scenario) {
    return testdata().resolve("scenario" + scenario + ".rules.json");
  }

  public static Path eventsFile(int scenario) {
    return testdata().resolve("scenario" + scenario + ".events.jsonl");
  }

  public static Path expectedFile(int scenario) {
    return testdata().resolve("scenario" + scenario + ".expected.jsonl");
  }

  /**
   * The options of a job replaying scenario {@code scenario}'s events on the DirectRunner in event
   * time; its rules and sinks are the caller's to set.
   */
  public static CepPipelineOptions replay(int scenario) {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setRunner(DirectRunner.class);
    options.setSource(CepPipelineOptions.SourceKind.file);
    options.setInputFile(eventsFile(scenario).toString());
    options.setUsingEventTime(true);
    return options;
  }

  /** {@link #replay} with the scenario's own rules file; its sinks are the caller's to set. */
  public static CepPipelineOptions replayWithItsRules(int scenario) {
    CepPipelineOptions options = replay(scenario);
    options.setRulesFile(rulesFile(scenario).toString());
    return options;
  }

  /**
   * Scenario {@code scenario}'s events written to a new topic of {@code kafka}, read in event time
   * with the scenario's rules by a streaming job on the embedded Flink that checkpoints every
   * 500 ms: the production shape. Its sinks are the caller's to set.
   */
  public static CepPipelineOptions fromKafkaOnFlink(int scenario, KafkaBroker kafka) {
    String clicks = "clicks-" + UUID.randomUUID();
    kafka.createTopic(clicks, 1);
    kafka.produce(clicks, lines(eventsFile(scenario)));
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    EmbeddedFlink.unboundedJob(options).setCheckpointingInterval(500L);
    options.setSource(CepPipelineOptions.SourceKind.kafka);
    options.setKafkaBrokers(kafka.bootstrapServers());
    options.setInputTopic(clicks);
    options.setUsingEventTime(true);
    options.setRulesFile(rulesFile(scenario).toString());
    return options;
  }

  /** The first rule row of the scenario, as stored in the seed's table. */
  public static JsonNode ruleRow(int scenario) {
    return read(rulesFile(scenario)).get(0);
  }

  /** The scenario's pattern as the text the seed puts in the pattern column. */
  public static String patternText(int scenario) {
    return ruleRow(scenario).get("pattern").toString();
  }

  public static String function(int scenario) {
    return ruleRow(scenario).get("function").asText();
  }

  public static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
