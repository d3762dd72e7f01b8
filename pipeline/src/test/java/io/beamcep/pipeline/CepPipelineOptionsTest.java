package io.beamcep.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.event.TimestampFormat;
import io.beamcep.pipeline.testing.Scenarios;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's parameters: the reference's CLI names work, defaults are documented, bad values are
 * named.
 */
class CepPipelineOptionsTest {

  @Test
  void theReferenceCommandLineParsesUnchanged() {
    CepPipelineOptions options =
        PipelineOptionsFactory.fromArgs(
                "--kafkaBrokers=broker:9092", "--inputTopic=click_stream1", "--inputTopicGroup=g1",
                "--jdbcUrl=jdbc:mariadb://db:3306/cep", "--tableName=rds_demo1",
                "--jdbcIntervalMs=3000", "--usingEventTime=false")
            .withValidation()
            .as(CepPipelineOptions.class);

    assertThat(options.getKafkaBrokers(), is("broker:9092"));
    assertThat(options.getInputTopic(), is("click_stream1"));
    assertThat(options.getInputTopicGroup(), is("g1"));
    assertThat(options.getTableName(), is("rds_demo1"));
    assertThat(options.getJdbcIntervalMs(), is(3000L));
    assertThat(options.getUsingEventTime(), is(false));
  }

  @Test
  void everyParameterHasADescriptionAndADefault() {
    for (Method getter : CepPipelineOptions.class.getDeclaredMethods()) {
      if (!getter.getName().startsWith("get")) {
        continue;
      }
      assertThat(
          getter.getName() + " has a description",
          getter.isAnnotationPresent(Description.class),
          is(true));
      boolean hasDefault =
          java.util.Arrays.stream(getter.getAnnotations())
              .anyMatch(a -> a.annotationType().getEnclosingClass() == Default.class);
      assertThat(getter.getName() + " has a default", hasDefault, is(true));
    }
  }

  @Test
  void sinksAreListedOnceEachAndUnknownOnesAreRefusedByName() {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setSinks(" stdout, KAFKA,stdout ");
    assertThat(JobSinks.names(options), contains("stdout", "kafka"));

    options.setSinks("stdout,email");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JobSinks.names(options));
    assertThat(e.getMessage(), containsString("unknown sink 'email'"));
  }

  @Test
  void theTimeFormatIsOneOfTheParsersFormatsAndProcessingTimeIgnoresIt() {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setTimeFormat("iso_8601");
    assertThat(CepPipeline.parsing(options).timestampFormat(), is(TimestampFormat.ISO_8601));

    options.setTimeFormat("dd/MM/yyyy");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CepPipeline.parsing(options));
    assertThat(e.getMessage(), containsString("unknown --timeFormat 'dd/MM/yyyy'"));

    options.setUsingEventTime(false);
    assertThat(CepPipeline.parsing(options).timestampFormat(), is(TimestampFormat.PROCESSING_TIME));
  }

  @Test
  void aJobWithoutRulesIsRefusedBeforeItStarts() {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setSource(CepPipelineOptions.SourceKind.file);
    options.setInputFile("events.jsonl");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CepPipeline.build(Pipeline.create(options), options));
    assertThat(e.getMessage(), containsString("--jdbcUrl (rule table) or --rulesFile"));
  }

  @Test
  void aRuleTableNameThatIsNotAnIdentifierIsRefusedBeforeItStarts() {
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setJdbcUrl("jdbc:h2:mem:x");
    options.setTableName("rules;DROP TABLE rules");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CepPipeline.build(Pipeline.create(options), options));
    assertThat(e.getMessage(), containsString("not a plain identifier"));
  }

  @Test
  void aNegativeNumberOfJdbcSinkRetriesIsRefusedByName() {
    CepPipelineOptions options = Scenarios.replayWithItsRules(1);
    options.setSinks("jdbc");
    options.setResultJdbcUrl("jdbc:h2:mem:retries");
    options.setJdbcSinkMaxRetries(-1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CepPipeline.build(Pipeline.create(options), options));
    assertThat(e.getMessage(), is("--jdbcSinkMaxRetries must be 0 or more, got -1"));
  }

  /**
   * Rules read once for the whole run: a refused one could never come back, and the job would
   * run without it. Each problem is named; the check off, the job is built with the others.
   */
  @Test
  void aRulesFileOrReplayedTableWithARefusedRuleIsRefusedBeforeTheJobStarts(@TempDir Path dir)
      throws Exception {
    String pattern = Scenarios.patternText(1);
    String broken = pattern.replace("\"STRICT\"", "\"SOMETIMES\"");
    Path file = dir.resolve("rules.json");
    Files.writeString(file, "[" + row("good", pattern) + ", " + row("broken", broken) + "]");
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setSource(CepPipelineOptions.SourceKind.file);
    options.setInputFile("events.jsonl");
    options.setRulesFile(file.toString());

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> CepPipeline.build(Pipeline.create(options), options));

    assertThat(refused.getMessage(), containsString("rules file " + file + " holds rules that "
        + "are refused, which this job would never run (--checkRulesAtLaunch=false starts it with "
        + "the others): rule broken v1 at $.pattern.edges[0]"));
    assertThat(refused.getMessage(), containsString("SOMETIMES"));
    assertThat(refused.getMessage(), not(containsString("rule good")));
    options.setCheckRulesAtLaunch(false);
    CepPipeline.build(Pipeline.create(options), options);

    String url = "jdbc:h2:mem:replayed-rules;DB_CLOSE_DELAY=-1";
    try (Connection db = DriverManager.getConnection(url, "sa", "")) {
      db.createStatement().execute("CREATE TABLE replayed (id VARCHAR(64), version INT, "
          + "pattern VARCHAR(4000), \"function\" VARCHAR(255))");
      PreparedStatement insert = db.prepareStatement("INSERT INTO replayed VALUES (?, 1, ?, NULL)");
      insert.setString(1, "broken");
      insert.setString(2, broken);
      insert.execute();
      CepPipelineOptions replay = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
      replay.setSource(CepPipelineOptions.SourceKind.file);
      replay.setInputFile("events.jsonl");
      replay.setJdbcUrl(url);
      replay.setJdbcUser("sa");
      replay.setTableName("replayed");
      IllegalStateException fromTable = assertThrows(IllegalStateException.class,
          () -> CepPipeline.build(Pipeline.create(replay), replay));
      assertThat(fromTable.getMessage(), containsString("rule table replayed at " + url
          + " holds rules that are refused"));
    }
  }

  private static String row(String id, String pattern) {
    return "{\"id\": \"" + id + "\", \"version\": 1, \"pattern\": " + pattern + "}";
  }

  @Test
  void aPolledRuleTableThatCannotBeReadIsRefusedBeforeTheJobStartsUnlessTheCheckIsOff()
      throws SQLException {
    String url = "jdbc:h2:mem:launch-check;DB_CLOSE_DELAY=-1";
    CepPipelineOptions options = PipelineOptionsFactory.create().as(CepPipelineOptions.class);
    options.setSource(CepPipelineOptions.SourceKind.kafka);
    options.setJdbcUrl(url);
    options.setJdbcUser("sa");
    options.setTableName("rulez");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> CepPipeline.build(Pipeline.create(options), options));
    assertThat(e.getMessage(), containsString("cannot read rule table rulez at " + url));
    assertThat(e.getMessage(), containsString("--checkRulesAtLaunch=false"));

    options.setCheckRulesAtLaunch(false);
    CepPipeline.build(Pipeline.create(options), options); // polls until the table can be read

    options.setCheckRulesAtLaunch(true);
    try (Connection db = DriverManager.getConnection(url, "sa", "")) {
      db.createStatement().execute("CREATE TABLE rulez (id VARCHAR(64), version INT, "
          + "pattern VARCHAR(4000), \"function\" VARCHAR(255))");
      CepPipeline.build(Pipeline.create(options), options); // an empty table can be read
    }
  }
}
