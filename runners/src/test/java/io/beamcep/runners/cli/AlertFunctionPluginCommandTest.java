package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamcep.pipeline.alert.FraudAlertFunctionPlugin;
import io.beamcep.runners.CepRunner;
import io.beamcep.runners.Expected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule table whose rows name an alert function of the user's own in their {@code function}
 * column, registered by an {@link io.beamcep.pipeline.alert.AlertFunctionPlugin} on the class path
 * ({@link FraudAlertFunctionPlugin}: JSON, timeouts reported; the pipeline module's test jar,
 * on this module's test class path, lists it). Scenario 2 with its
 * DemoPatternProcessFunction written as {@code com.acme.cep.FraudAlertFunction}: accepted by {@code
 * cep rules validate}, and {@code cep match} without {@code --timeouts} writes scenario 2's
 * matches and the abandoned cart's timeout, as the plugin says its rules do.
 */
class AlertFunctionPluginCommandTest {
  private static final String DEMO_FUNCTION =
      "\"function\": \"com.alibaba.ververica.cep.demo.dynamic.DemoPatternProcessFunction\"";

  @TempDir Path dir;

  @Test
  void aRowNamingAPluginsFunctionIsValid() throws IOException {
    CepRunner result = cep("rules", "validate", rulesWithPluginFunction().toString());

    assertThat(result.err(), result.exitCode(), equalTo(0));
    assertThat(result.out(), containsString("1 rule(s) valid"));
  }

  @Test
  void theJobReportsTimeoutsForAFunctionWhosePluginSaysSo() throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    CepRunner result = cep("match", "--rules", rulesWithPluginFunction().toString(),
        "--events", Expected.events(2).toString(), "--out", out.toString(),
        "--runner", "DirectRunner");

    assertThat(result.err(), result.exitCode(), equalTo(0));
    List<JsonNode> alerts = Expected.lines(out).stream().map(Expected::read).toList();
    assertThat(alerts.stream().map(a -> a.path("function").asText()).toList(),
        everyItem(equalTo(FraudAlertFunctionPlugin.NAME)));
    List<String> matches = alerts.stream().filter(a -> a.path("kind").asText().equals("MATCH"))
        .map(JsonNode::toString).toList();
    assertThat(Expected.normalized(matches), equalTo(Expected.matches(2)));
    List<String> timeouts = alerts.stream()
        .filter(a -> a.path("kind").asText().equals("TIMEOUT"))
        .map(a -> a.path("key").asText() + " cart_add="
            + a.path("events").path("cart_add").get(0).path("id").asLong())
        .toList();
    assertThat(timeouts, equalTo(List.of("517014550 cart_add=1")));
  }

  private Path rulesWithPluginFunction() throws IOException {
    String rules = Files.readString(Expected.rules(2));
    if (!rules.contains(DEMO_FUNCTION)) {
      throw new IllegalStateException("scenario 2's rule no longer names the demo function");
    }
    return Files.writeString(dir.resolve("scenario2-with-plugin-function.rules.json"),
        rules.replace(DEMO_FUNCTION, "\"function\": \"" + FraudAlertFunctionPlugin.NAME + "\""));
  }
}
