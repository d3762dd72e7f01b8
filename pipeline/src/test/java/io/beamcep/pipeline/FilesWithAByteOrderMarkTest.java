package io.beamcep.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.e2e.MatchSummary;
import io.beamcep.pipeline.io.KafkaClientSettings;
import io.beamcep.pipeline.sink.WebhookAlerts;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a job is given, saved by an editor that starts UTF-8 with a byte order mark (Notepad
 * before Windows 10 1903, PowerShell 5's {@code Out-File -Encoding utf8}): each reads as the same
 * file without it. Before, the rules file was not JSON at line 1, column 1, and the first key or
 * header of the others was refused as unknown. (The password file: {@link JdbcPasswordFileTest}.)
 */
class FilesWithAByteOrderMarkTest {
  @TempDir Path dir;

  /** Rules: scenario 2's file with the mark. Events: scenario 2's. Expected: its one match. */
  @Test
  void aRulesFileWithTheMarkRunsItsRules() throws Exception {
    CepPipelineOptions options = Scenarios.replay(2);
    options.setRulesFile(
        withMark("rules.json", Files.readString(Scenarios.rulesFile(2))).toString());
    options.setSinks("jsonl");
    options.setOutputFile(dir.resolve("alerts").toString());

    Pipeline pipeline = Pipeline.create(options);
    CepPipeline.build(pipeline, options);
    pipeline.run().waitUntilFinish();

    assertThat(summaries(Files.readAllLines(dir.resolve("alerts.jsonl")), false),
        equalTo(summaries(Scenarios.lines(Scenarios.expectedFile(2)), true)));
  }

  /**
   * --kafkaProperties with the mark, its first key a security setting and its third unknown.
   * Expected: the first key is taken, and the refusal of the third names its line, 3.
   */
  @Test
  void aKafkaPropertiesFileWithTheMarkKeepsItsFirstKeyAndItsLineNumbers() throws IOException {
    Path good = withMark("good.properties", "security.protocol=SASL_SSL\nacks=all\n");
    assertThat(KafkaClientSettings.fromFile(good).consumer(),
        equalTo(Map.of("security.protocol", "SASL_SSL")));

    Path bad =
        withMark("bad.properties", "security.protocol=SASL_SSL\n# a comment\nflavour=sour\n");
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> KafkaClientSettings.fromFile(bad));
    assertThat(refused.getMessage(), equalTo("--kafkaProperties " + bad + ": line 3: flavour is "
        + "not a setting of a Kafka consumer, producer or admin client"));
  }

  /** --webhookHeadersFile with the mark. Expected: both headers, the first one included. */
  @Test
  void aWebhookHeadersFileWithTheMarkKeepsItsFirstHeader() throws IOException {
    Path file = withMark("webhook.headers", "Authorization: Bearer t0ken\r\nX-Team: fraud\r\n");

    assertThat(WebhookAlerts.headersFromFile(file, "--webhookHeadersFile"),
        equalTo(Map.of("Authorization", "Bearer t0ken", "X-Team", "fraud")));
  }

  private Path withMark(String name, String text) throws IOException {
    return Files.write(dir.resolve(name), ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> summaries(List<String> lines, boolean expected) {
    return MatchSummary.sorted(lines.stream()
        .map(expected ? MatchSummary::ofExpected : MatchSummary::ofAlertJson).toList());
  }
}
