package io.beamcep.runners.template;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.runners.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cep run --template}: every parameter is checked before anything starts. */
class TemplateLaunchTest {

  @Test
  void publishedTemplateTurnsParametersIntoPipelineArguments() {
    List<String> args =
        TemplateLaunch.load("kafka-to-alerts")
            .pipelineArgs(List.of("jdbcUrl=jdbc:mariadb://db:3306/cep", "inputTopic=clicks",
                "checkpointingInterval=60000"));
    assertThat(args, hasItem("--source=kafka"));
    assertThat(args, hasItem("--jdbcUrl=jdbc:mariadb://db:3306/cep"));
    assertThat(args, hasItem("--inputTopic=clicks"));
    assertThat(args, hasItem("--checkpointingInterval=60000"));
  }

  /**
   * The streaming template without its rule table or its checkpoint interval: both named. A
   * streaming job without checkpoints is not restarted by Flink after a failure, so the
   * production template asks how often to take them.
   */
  @Test
  void missingRequiredParameterIsNamed() {
    UserError error =
        assertThrows(UserError.class,
            () -> TemplateLaunch.load("kafka-to-alerts").pipelineArgs(List.of()));
    assertThat(error.getMessage(), containsString("missing required parameter 'jdbcUrl'"));
    assertThat(error.getMessage(),
        containsString("missing required parameter 'checkpointingInterval': FlinkRunner: the "
            + "interval (ms) between checkpoints, e.g. 60000."));
    UserError zero = assertThrows(UserError.class, () -> TemplateLaunch.load("kafka-to-alerts")
        .pipelineArgs(List.of("jdbcUrl=jdbc:h2:mem:x", "checkpointingInterval=0")));
    assertThat(zero.getMessage(), containsString("'checkpointingInterval' = '0' does not match"));
  }

  @Test
  void valueNotMatchingItsRegexIsNamedWithTheRegex() {
    UserError error =
        assertThrows(UserError.class,
            () -> TemplateLaunch.load("kafka-to-alerts")
                .pipelineArgs(List.of("jdbcUrl=jdbc:h2:mem:x", "jdbcIntervalMs=soon",
                    "kafkaBrokers=nohostport")));
    assertThat(error.getMessage(), containsString("'jdbcIntervalMs' = 'soon' does not match"));
    assertThat(error.getMessage(), containsString("'kafkaBrokers' = 'nohostport'"));
  }

  /**
   * A file's events have no Kafka record time: the file templates do not offer KAFKA_TIMESTAMP,
   * which their launch would refuse, and say what they take; the Kafka template does. Any case
   * is taken, as the job reads it.
   */
  @Test
  void aTimeFormatATemplateCannotUseIsRefusedByTheTemplate() {
    UserError error = assertThrows(UserError.class, () -> TemplateLaunch.load("file-replay")
        .pipelineArgs(List.of("inputFile=e.jsonl", "timeFormat=KAFKA_TIMESTAMP")));
    assertThat(error.getMessage(), containsString("'timeFormat' = 'KAFKA_TIMESTAMP' does not "
        + "match ^(?i)(SQL_DATETIME|ISO_8601|EPOCH_MILLIS|EPOCH_SECONDS)$"));
    assertThat(TemplateMetadata.render(TemplateShapes.MATCH), containsString("This template "
        + "takes only: SQL_DATETIME, ISO_8601, EPOCH_MILLIS, EPOCH_SECONDS."));
    assertThat(TemplateLaunch.load("match").pipelineArgs(List.of("rulesFile=r.json",
        "inputFile=e.jsonl", "outputFile=o", "timeFormat=iso_8601")),
        hasItem("--timeFormat=iso_8601"));
    assertThat(TemplateLaunch.load("kafka-to-alerts").pipelineArgs(List.of("jdbcUrl=jdbc:h2:mem:x",
        "checkpointingInterval=1000", "timeFormat=KAFKA_TIMESTAMP")),
        hasItem("--timeFormat=KAFKA_TIMESTAMP"));
    UserError unknown = assertThrows(UserError.class, () -> TemplateLaunch.load("kafka-to-alerts")
        .pipelineArgs(List.of("jdbcUrl=jdbc:h2:mem:x", "checkpointingInterval=1000",
            "timeFormat=PROCESSING_TIME")));
    assertThat(unknown.getMessage(), containsString("'timeFormat' = 'PROCESSING_TIME'"));
  }

  @Test
  void unknownParameterAndMalformedPairAreRefused() {
    UserError error =
        assertThrows(UserError.class,
            () -> TemplateLaunch.load("match")
                .pipelineArgs(List.of("rulesFile=r.json", "inputFile=e.jsonl",
                    "outputFile=o", "kafkaBrokers=x:1", "oops")));
    assertThat(error.getMessage(), containsString("unknown parameter 'kafkaBrokers'"));
    assertThat(error.getMessage(), containsString("'oops' is not name=value"));
  }

  @Test
  void templateFileIsReadAndChecked(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.json");
    Files.writeString(file, TemplateMetadata.render(TemplateShapes.FILE_REPLAY));
    List<String> args =
        TemplateLaunch.load(file.toString()).pipelineArgs(List.of("inputFile=/data/e.jsonl"));
    // A copied file keeps its name, so the shape's fixed options still apply.
    assertThat(args, contains("--source=file", "--inputFile=/data/e.jsonl"));
  }

  @Test
  void unreadableOrInvalidTemplateIsAOneLineError(@TempDir Path dir) throws IOException {
    UserError missing =
        assertThrows(UserError.class, () -> TemplateLaunch.load("no-such-template"));
    assertThat(missing.getMessage(), containsString("neither a published template"));
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{ not json");
    UserError invalid = assertThrows(UserError.class, () -> TemplateLaunch.load(bad.toString()));
    assertThat(invalid.getMessage(), containsString("not valid JSON"));
  }
}
