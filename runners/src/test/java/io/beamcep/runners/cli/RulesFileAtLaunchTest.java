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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cep run --rulesFile}: a file read once for the whole run cannot be mended while it runs,
 * so what is wrong with it refuses the launch, on one line naming the file.
 */
class RulesFileAtLaunchTest {

  @TempDir Path dir;

  @Test
  void aRulesFileWithARefusedRuleIsRefusedAtLaunchOnOneLine() throws IOException {
    Path rules = dir.resolve("unknown-condition.rules.json");
    Files.writeString(rules, Files.readString(Expected.rules(2))
        .replace("CartAddCondition", "CartAddedCondition"));
    CepRunner refused = cep("run", "--runner=DirectRunner", "--source=file",
        "--inputFile=" + Expected.events(2), "--rulesFile=" + rules);
    assertThat(refused.exitCode(), equalTo(1));
    assertThat(refused.err().lines().count(), equalTo(1L));
    assertThat(refused.err(), containsString("rules file " + rules + " holds rules that are "
        + "refused, which this job would never run (--checkRulesAtLaunch=false starts it with the "
        + "others): rule 1 v1 at $.pattern.nodes[1].condition.className: unknown condition class"));
  }

  /**
   * --rulesFile naming no file, a file cut short, and a file of one object instead of an array.
   * Expected: each refused as bad input (exit 1) on one line naming the file, the JSON's line and
   * column where it broke. Before: "cannot read rules file" with no reason, and a usage error
   * (exit 2) with neither the file nor Jackson's location but its "Source: REDACTED" note.
   */
  @Test
  void aRulesFileThatCannotBeReadIsBadInputNamingTheFile() throws IOException {
    Path missing = dir.resolve("missing.rules.json");
    Path cut = Files.writeString(dir.resolve("cut.rules.json"), "[{\"id\": \"1\",\n");
    Path object = Files.writeString(dir.resolve("object.rules.json"), "{\"id\": \"1\"}");
    Map<Path, String> expected = Map.of(
        missing, "rules file " + missing + " does not exist",
        cut, "rules file " + cut + " is not valid JSON (line 2, column 1): Unexpected "
            + "end-of-input within/between Object entries",
        object, "rules file " + object + " must hold a JSON array of rule rows {id, version, "
            + "pattern, function}");

    for (Map.Entry<Path, String> file : expected.entrySet()) {
      CepRunner refused = cep("run", "--runner=DirectRunner", "--source=file",
          "--inputFile=" + Expected.events(1), "--rulesFile=" + file.getKey());
      assertThat(refused.err(), refused.exitCode(), equalTo(1));
      assertThat(refused.err(), equalTo("cep: " + file.getValue() + "\n"));
    }
  }
}
