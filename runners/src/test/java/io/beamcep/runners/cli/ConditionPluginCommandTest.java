package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.beamcep.runners.CepRunner;
import io.beamcep.runners.Expected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule table whose rows name a condition of the user's own, registered by a {@link
 * io.beamcep.patterns.condition.ConditionPlugin} on the class path ({@link CartAbovePlugin}):
 * scenario 2 with its CartAddCondition (a cart above 200) written as {@code com.acme.cep.CartAbove
 * [200]} is accepted by {@code cep rules validate} and gives scenario 2's matches through the job.
 */
class ConditionPluginCommandTest {
  private static final String CART_ADD =
      "\"className\": \"com.alibaba.ververica.cep.demo.condition.CartAddCondition\"";

  @TempDir Path dir;

  @Test
  void validateAcceptsARuleNamingAPluginsCondition() throws IOException {
    CepRunner result = cep("rules", "validate", rulesWithPlugin().toString());

    assertThat(result.err(), result.exitCode(), equalTo(0));
    assertThat(result.out(), containsString("1 rule(s) valid"));
  }

  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void theJobMatchesWithAPluginsCondition(String runner) throws IOException {
    Path out = dir.resolve("alerts-" + runner + ".jsonl");
    CepRunner result = cep("match", "--rules", rulesWithPlugin().toString(),
        "--events", Expected.events(2).toString(), "--out", out.toString(),
        "--runner", runner, "--parallelism=1");

    assertThat(result.err(), result.exitCode(), equalTo(0));
    assertThat(Expected.normalized(Expected.lines(out)), equalTo(Expected.matches(2)));
  }

  private Path rulesWithPlugin() throws IOException {
    String rules = Files.readString(Expected.rules(2));
    if (!rules.contains(CART_ADD)) {
      throw new IllegalStateException("scenario 2's rule no longer names CartAddCondition");
    }
    return Files.writeString(dir.resolve("scenario2-with-plugin.rules.json"), rules.replace(
        CART_ADD, "\"className\": \"" + CartAbovePlugin.NAME + "\", \"args\": [200]"));
  }
}
